// Prints one closing line over both test tiers ("total: N passed, N failed, N skipped"),
// read from the JSON reports of Vitest and Playwright written during `npm test`.
import { readFileSync } from 'node:fs';

function read(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const tiers = [];
const unit = read('reports/vitest.json');
if (unit) tiers.push({ name: 'unit', passed: unit.numPassedTests, failed: unit.numFailedTests, skipped: unit.numPendingTests + unit.numTodoTests });
const e2e = read('reports/playwright.json');
if (e2e) tiers.push({ name: 'end-to-end', passed: e2e.stats.expected + e2e.stats.flaky, failed: e2e.stats.unexpected, skipped: e2e.stats.skipped });

if (tiers.length < 2) {
  console.error('test-summary: a test report is missing (reports/vitest.json, reports/playwright.json)');
  process.exit(1);
}
const total = tiers.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
for (const r of tiers) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
