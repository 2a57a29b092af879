// `node --import tsx bench/link.ts [--incidents 60000]`: linking sources on the sample city
// (issue 12). The city's exports (incidents, calls, arrests, field interviews, hospital records)
// are loaded with the standard ingest pipeline, linked by case number, person id and place +
// time, and the links are scored against the generator's ground truth: precision (true links
// among those found), recall (true links found among those possible) and the review list's
// size, with the time to compute each link set. The last line is JSON for bench/run.ts.
import { parseArgs } from 'node:util';
import { openNodeEngine } from '../electron/services/duckdb-node';
import { loadSampleLinkRecords, runSampleLinkChecks } from '../shared/domain/link/sample-check';
import { generateSampleCity, generateSampleSources } from '../shared/domain/sample/index';

const { values } = parseArgs({ options: { incidents: { type: 'string', default: '60000' } } });
const incidents = Number(values.incidents);
const started = performance.now();
const city = generateSampleCity({ incidents });
const sources = generateSampleSources(city);
const engine = await openNodeEngine();
const loaded = await loadSampleLinkRecords(engine, city, sources);
await engine.close();
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
const loadSeconds = (performance.now() - started) / 1000;
const results = runSampleLinkChecks(city, sources, loaded.value);
const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
console.log(`SPI Workbench link benchmark: sample city, ${incidents.toLocaleString('en-US')} incidents (generate + ingest ${loadSeconds.toFixed(1)} s), node ${process.version}`);
console.log('| link | rule | A records | links | review | precision | recall | true links | seconds |\n|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.rule} | ${r.counts.aRecords.toLocaleString('en-US')} | ${r.counts.links.toLocaleString('en-US')} | ${r.counts.review.toLocaleString('en-US')} | ${f(r.score.precision)} | ${f(r.score.recall)} | ${r.score.truth.toLocaleString('en-US')} | ${r.seconds.toFixed(3)} |`);
}
console.log(JSON.stringify({ link: results.map((r) => ({ name: r.name, rule: r.rule, links: r.counts.links, review: r.counts.review, precision: r.score.precision, recall: r.score.recall, truth: r.score.truth, seconds: r.seconds })), incidents, loadSeconds }));
