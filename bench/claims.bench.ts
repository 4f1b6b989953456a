// How long the claim check takes for one answer: every sentence of a
// 2000-character answer against six 2000-character sources, as an answer
// with six sections of a Satzung would be checked after the model is done.
import { checkClaims, type ClaimSource } from '../main/grounding/claims';
import { Analyzer } from '../main/analysis/analyze';
import { report, timeIt } from './report';

const analyzer = new Analyzer({ freq: () => 0 });
const passage = (i: number) =>
  Array.from({ length: 14 }, (_, k) => `(${k + 1}) Für die Haltung von ${k + 2} Hunden im Ortsteil ${i} beträgt die Steuer ${100 + 10 * k + i} Euro im Jahr.`)
    .join('\n')
    .slice(0, 2000);
const sources: ClaimSource[] = Array.from({ length: 6 }, (_, i) => ({ n: i + 1, title: `Satzung ${i}`, headingPath: [`§ ${i + 1} Steuersatz`], text: passage(i) }));
const sentence = (k: number) => `Im Ortsteil ${k % 6} zahlen Halter von ${k + 2} Hunden jährlich ${100 + 10 * k} € Steuer [${(k % 6) + 1}]. `;
let answer = '';
for (let k = 0; answer.length < 2000; k++) answer += sentence(k % 14);

const t = await timeIt(() => checkClaims(answer, sources, analyzer), 200, 20);
report({ bench: 'claims', figure: 'claim check of a 2000-character answer against six 2000-character sources (p50)', value: t.p50, unit: 'ms' });
report({ bench: 'claims', figure: 'claim check of a 2000-character answer against six 2000-character sources (p95)', value: t.p95, unit: 'ms' });
