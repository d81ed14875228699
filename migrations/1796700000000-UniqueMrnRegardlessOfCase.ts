import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many duplicate groups the refusal lists in full. */
const REPORTED_GROUPS = 50;

/**
 * MRNs are unique regardless of case: `ab-1` and `AB-1` name one patient, so registering the
 * second is a 409 and a laboratory result finds the patient whatever case it writes. Existing
 * case-duplicates are never merged or renamed here (which record is right is a clinical
 * decision): the migration stops and lists them, to be resolved by hand before it runs again.
 */
export class UniqueMrnRegardlessOfCase1796700000000
  implements MigrationInterface
{
  readonly name = 'UniqueMrnRegardlessOfCase1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const duplicates = (await queryRunner.query(
      `SELECT lower(mrn) AS mrn, array_agg(id::text ORDER BY created_at, id) AS ids
         FROM patients GROUP BY lower(mrn) HAVING count(*) > 1
        ORDER BY lower(mrn)`,
    )) as Array<{ mrn: string; ids: string[] }>;
    if (duplicates.length > 0) {
      const listed = duplicates
        .slice(0, REPORTED_GROUPS)
        .map(({ ids }) => `  patients ${ids.join(', ')}`);
      const more =
        duplicates.length > REPORTED_GROUPS
          ? [`  … and ${duplicates.length - REPORTED_GROUPS} more groups`]
          : [];
      throw new Error(
        [
          `${duplicates.length} group(s) of patients have MRNs that differ only in case; ` +
            'MRNs must be unique regardless of case. Merge or correct these records ' +
            '(patient ids, oldest first), then run the migrations again:',
          ...listed,
          ...more,
        ].join('\n'),
      );
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_patients_mrn_ci ON patients (lower(mrn))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX uq_patients_mrn_ci`);
  }
}
