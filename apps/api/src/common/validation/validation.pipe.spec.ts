import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { DomainError } from '@poems/domain';
import { createValidationPipe } from './validation.pipe';

class QuantityDto {
  @IsString()
  unit!: string;

  @IsInt()
  @Min(0)
  value!: number;
}

class ResultDto {
  @IsString()
  note!: string;

  @ValidateNested({ each: true })
  @Type(() => QuantityDto)
  values!: QuantityDto[];
}

async function failureOf(body: unknown): Promise<DomainError> {
  try {
    await createValidationPipe().transform(body, {
      type: 'body',
      metatype: ResultDto,
    });
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('createValidationPipe', () => {
  it('passes a valid body through as a DTO instance', async () => {
    const body = { note: 'ok', values: [{ unit: 'pg/mL', value: 1200 }] };

    await expect(
      createValidationPipe().transform(body, {
        type: 'body',
        metatype: ResultDto,
      }),
    ).resolves.toBeInstanceOf(ResultDto);
  });

  it('names nested fields by their path in the body', async () => {
    const error = await failureOf({
      note: 'ok',
      values: [
        { unit: 'pg/mL', value: 1 },
        { unit: 7, value: -1 },
      ],
    });

    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors?.map((e) => e.field)).toEqual([
      'values[1].unit',
      'values[1].value',
    ]);
  });

  it('rejects unknown properties instead of dropping them', async () => {
    const error = await failureOf({ note: 'ok', values: [], extra: true });

    expect(error.fieldErrors).toEqual([
      { field: 'extra', message: 'property extra should not exist' },
    ]);
  });

  it('never quotes the rejected value', async () => {
    const error = await failureOf({
      note: 'Jane Doe, MRN 12345',
      values: 'Jane Doe',
    });

    expect(JSON.stringify(error.fieldErrors)).not.toContain('Jane');
  });
});
