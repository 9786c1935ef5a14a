// Regenerates fixtures/golden/ticket-<profile>.bin from fixtures/golden/ticket-slip.json.
// Run only after an intended change to the ticket's bytes (see fixtures/golden/README.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ticketSlipSchema } from '@hall/common/ticket-slip';
import { printerProfiles } from '../../src/printer/profiles.ts';
import { renderTicketEscPos } from '../../src/printer/ticket-escpos.ts';

const golden = fileURLToPath(new URL('../../../fixtures/golden/', import.meta.url));
const slip = ticketSlipSchema.parse(JSON.parse(readFileSync(`${golden}ticket-slip.json`, 'utf8')));
for (const profile of Object.values(printerProfiles)) {
  const bytes = renderTicketEscPos(slip, profile);
  writeFileSync(`${golden}ticket-${profile.id}.bin`, bytes);
  console.log(`ticket-${profile.id}.bin: ${bytes.length} bytes`);
}
