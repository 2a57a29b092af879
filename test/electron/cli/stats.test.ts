import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/io';
import { CliInputError } from '../../../electron/cli/io';
import { statsVerb } from '../../../electron/cli/verbs/stats';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd: process.cwd(), debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function run(argv: string[]) {
  const c = capture();
  const code = await statsVerb.run(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('spi stats', () => {
  it('wdd prints the DOMAIN.md check with its convention line', async () => {
    const r = await run(['wdd', '--t', '207,110', '--c', '308,318', '--d', '178,157', '--dc', '150,140']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^WDD = .*Wheeler & Ratcliffe 2018/);
    expect(r.out).toMatch(/WDD\s+-118\n/);
    expect(r.out).toMatch(/SE 39\.598/);
    expect(r.out).toMatch(/z\s+-2\.98/);
    expect(r.out).toMatch(/95% CI\s+-195\.61 to -40\.39/);
  });

  it('wdd --json prints every figure, and weights are applied', async () => {
    const r = await run(['wdd', '--t', '207,110', '--c', '308,318', '--json']);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ wdd: -107, variance: 943, includesBuffers: false });
    expect(j.z).toBeCloseTo(-107 / Math.sqrt(943), 12);
    const w = JSON.parse((await run(['wdd', '--t', '120,30', '--c', '240,126', '--time-weights', '12,6', '--json'])).out);
    expect(w.wdd).toBeCloseTo(30 / 6 - 120 / 12 - (126 / 6 - 240 / 12), 12);
    expect(w.weighted).toBe(true);
    const per = JSON.parse((await run(['wdd', '--t', '120,30', '--c', '240,126', '--weights', '12,6,12,6', '--json'])).out);
    expect(per.wdd).toBeCloseTo(w.wdd, 12);
  });

  it('wdq prints the check and its reading; says when WDQ is undefined', async () => {
    const r = await run(['wdq', '--tb', '100', '--ta', '60', '--db', '80', '--da', '70', '--cb', '200', '--ca', '190']);
    expect(r.out).toMatch(/Bowers & Johnson 2003/);
    expect(r.out).toMatch(/Success measure\s+-0\.1842/);
    expect(r.out).toMatch(/Buffer measure\s+-0\.0316/);
    expect(r.out).toMatch(/WDQ\s+0\.1714/);
    expect(r.out).toMatch(/TNE\s+41 /);
    expect(r.out).toMatch(/diffusion of benefits/);
    const u = JSON.parse((await run(['wdq', '--tb', '100', '--ta', '95', '--db', '80', '--da', '70', '--cb', '200', '--ca', '190', '--json'])).out);
    expect(u.wdq).toBeNull();
    expect(u.message).toMatch(/undefined/);
  });

  it('res prints the check, applies overdispersion, and refuses a zero cell unless --haldane', async () => {
    const r = await run(['res', '--a', '100', '--b', '60', '--c', '200', '--d', '190']);
    expect(r.out).toMatch(/Farrington et al\. 2007/);
    expect(r.out).toMatch(/RES\s+1\.5833\s+95% CI 1\.086 to 2\.308/);
    const od = JSON.parse((await run(['res', '--a', '100', '--b', '60', '--c', '200', '--d', '190', '--overdispersion', '1.5', '--json'])).out);
    expect(od.varLogRes).toBeCloseTo(1.5 * (1 / 100 + 1 / 60 + 1 / 200 + 1 / 190), 12);
    await expect(run(['res', '--a', '100', '--b', '0', '--c', '200', '--d', '190'])).rejects.toThrow(/RES is undefined: target after \(b\) is 0/);
    const h = JSON.parse((await run(['res', '--a', '100', '--b', '0', '--c', '200', '--d', '190', '--haldane', '--json'])).out);
    expect(h.correctedZeroCells).toBe(true);
  });

  it('smd prints the DOMAIN.md check for both denominators', async () => {
    const r = await run(['smd', '--treated', '10,12,14', '--control', '8,9,10,11']);
    expect(r.out).toMatch(/SMD \(pooled\)\s+1\.4852/);
    expect(r.out).toMatch(/SMD \(treated SD\) 1\.25\n/);
    expect(r.out).toMatch(/variance ratio\s+2\.4\s+outside 0\.5-2/);
    const j = JSON.parse((await run(['smd', '--treated', '10,12,14', '--control', '8,9,10,11', '--json'])).out);
    expect(j.varianceRatio).toBeCloseTo(4 / (5 / 3), 12);
  });

  it('power prints the power and the places needed', async () => {
    const r = await run(['power', '--baseline', '20', '--reduction', '0.2', '--targets', '20', '--controls', '20']);
    expect(r.out).toMatch(/Signorini 1991/);
    expect(r.out).toMatch(/power\s+0\.\d{3} with 20 targets and 20 controls/);
    expect(r.out).toMatch(/needed\s+\d+ targets and \d+ controls for power 0\.8/);
    const j = JSON.parse((await run(['power', '--baseline', '20', '--reduction', '0.2', '--targets', '20', '--controls', '20', '--dispersion', '0.5', '--json'])).out);
    expect(j.dispersion).toBe(0.5);
    expect(j.power).toBeGreaterThan(0);
    expect(j.power).toBeLessThan(1);
    expect(j.placesNeeded.achievedPower).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    [['wdd', '--t', '207,x', '--c', '308,318'], /^--t: "207,x" is not valid \(expected two counts >= 0 as PRE,POST\)$/],
    [['wdd', '--t', '207', '--c', '308,318'], /^--t: "207" is not valid/],
    [['wdd', '--t', '207,110'], /^--c is required/],
    [['wdd', '--t', '207,110', '--c', '308,318', '--d', '1,2'], /^--dc is required/],
    [['wdd', '--t', '207,110', '--c', '308,318', '--time-weights', '0,1'], /^--time-weights: "0,1" is not valid/],
    [['wdq', '--tb', '100', '--ta=-60', '--db', '80', '--da', '70', '--cb', '200', '--ca', '190'], /^--ta: "-60" is not valid/],
    [['wdq', '--tb', '100', '--ta', '60', '--db', '80', '--da', '70', '--cb', '0', '--ca', '190'], /^cb: "0" is not valid/],
    [['res', '--a', '100', '--b', '60', '--c', '200', '--d', '190', '--overdispersion', 'big'], /^--overdispersion: "big" is not valid/],
    [['smd', '--treated', '10', '--control', '8,9'], /^--treated: "10" is not valid/],
    [['power', '--baseline', '20', '--reduction', '0.2', '--targets', '2.5', '--controls', '20'], /^--targets: "2\.5" is not valid/],
    [['power', '--baseline', '20', '--reduction', '1.5', '--targets', '20', '--controls', '20'], /^reduction: "1\.5" is not valid/],
    [['median'], /^unknown statistic "median"/],
    [[], /^name a statistic/],
  ])('refuses %j with a CliInputError naming the option and value', async (argv, message) => {
    const p = run(argv);
    await expect(p).rejects.toBeInstanceOf(CliInputError);
    await expect(p).rejects.toThrow(message);
  });
});
