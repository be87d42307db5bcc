// Which CSV dialect an import was read in (the contract's comma one, or the semicolon one Excel
// set to Indonesian saves), shown in its summary; null for NDJSON and XLSX.
export const statements = ['ALTER TABLE imports ADD COLUMN dialect VARCHAR'];
