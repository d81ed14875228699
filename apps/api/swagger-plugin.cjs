// The @nestjs/swagger CLI plugin documents DTOs and routes from their types and TSDoc comments.
// One file configures it for both compilers: webpack (ts-loader) and Jest (ts-jest).
const plugin = require('@nestjs/swagger/plugin');

const options = {
  dtoFileNameSuffix: ['.dto.ts'],
  controllerFileNameSuffix: ['.controller.ts'],
  introspectComments: true,
  classValidatorShim: true,
};

module.exports = {
  options,
  // ts-jest astTransformers contract.
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => plugin.before(options, compiler.program),
};
