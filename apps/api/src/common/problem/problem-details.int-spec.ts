import { Body, Controller, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { Public } from '../decorators/access.decorators';

class ProbeValueDto {
  @IsString()
  unit!: string;

  @IsInt()
  @Min(0)
  value!: number;
}

class ProbeDto {
  @IsString()
  name!: string;

  @ValidateNested({ each: true })
  @Type(() => ProbeValueDto)
  values!: ProbeValueDto[];
}

// The foundation has no endpoint with a body yet; this one exercises body parsing and validation.
@Controller('test-probe')
class ProbeController {
  @Post()
  @Public()
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Post('crash')
  @Public()
  crash(): never {
    throw new Error('failed for patient Jane Doe, MRN 4711');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const BODY_LIMIT = 2_048;

describe('problem documents', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) },
      extraModules: [ProbeModule],
    });
  });

  afterAll(async () => {
    await app.close();
  });

  function post(
    path: string,
    body: string,
    contentType = 'application/json',
  ): Promise<Response> {
    return fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
  }

  async function expectProblem(
    response: Response,
    status: number,
    code: string,
  ): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(
      'application/problem+json; charset=utf-8',
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: `https://poems-workup.dev/problems/${code}`,
      status,
      title: expect.any(String),
      detail: expect.any(String),
    });
    return body;
  }

  it('accepts a valid body', async () => {
    const response = await post(
      '/api/test-probe',
      JSON.stringify({ name: 'probe', values: [{ unit: 'pg/mL', value: 3 }] }),
    );

    expect(response.status).toBe(201);
  });

  it('answers an unknown route with 404', async () => {
    const body = await expectProblem(
      await fetch(`${app.baseUrl}/api/no-such-thing?q=smith`),
      404,
      'not_found',
    );

    expect(body['instance']).toBe('/api/no-such-thing');
  });

  it('answers malformed JSON with 400', async () => {
    await expectProblem(
      await post('/api/test-probe', '{"name": "probe",'),
      400,
      'malformed_request',
    );
  });

  it('answers a body that is not JSON with 415', async () => {
    await expectProblem(
      await post('/api/test-probe', 'name=probe', 'text/plain'),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await post(
        '/api/test-probe',
        'name=probe',
        'application/x-www-form-urlencoded',
      ),
      415,
      'unsupported_media_type',
    );
  });

  it('answers a body over the limit with 413', async () => {
    const oversize = JSON.stringify({
      name: 'x'.repeat(BODY_LIMIT),
      values: [],
    });

    await expectProblem(
      await post('/api/test-probe', oversize),
      413,
      'payload_too_large',
    );
  });

  it('answers invalid fields with 400 listing each of them', async () => {
    const response = await post(
      '/api/test-probe',
      JSON.stringify({ values: [{ unit: 'g/L', value: -1 }], extra: 1 }),
    );

    const body = await expectProblem(response, 400, 'validation_failed');
    expect(body['errors']).toEqual(
      expect.arrayContaining([
        { field: 'name', message: expect.any(String) },
        { field: 'values[0].value', message: expect.any(String) },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
  });

  it('answers an unexpected error with a generic 500 that reveals nothing', async () => {
    const response = await post('/api/test-probe/crash', '{}');

    const body = await expectProblem(response, 500, 'internal_error');
    expect(JSON.stringify(body)).not.toMatch(/Jane|4711|stack|Error:/);
  });
});
