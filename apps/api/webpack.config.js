const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const swaggerPlugin = require('./swagger-plugin.cjs');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'migrate', entryPath: './src/cli/migrate.ts' },
        { entryName: 'user-create', entryPath: './src/cli/user-create.main.ts' },
        {
          entryName: 'audit-retention',
          entryPath: './src/cli/audit-retention.main.ts',
        },
      ],
      tsConfig: './tsconfig.app.json',
      transformers: [
        { name: '@nestjs/swagger/plugin', options: swaggerPlugin.options },
      ],
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
