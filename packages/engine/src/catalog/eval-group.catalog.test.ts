import { runnableTaskNames } from '../tasks/registry';
import { evalGroupView, getEvalGroup, listEvalGroups } from './eval-group.catalog';

const runnable = new Set(runnableTaskNames());

test("openbench's 29 groups, each found under either spelling", () => {
  const groups = listEvalGroups();
  expect(groups).toHaveLength(29);
  // Member counts as openbench's EVAL_GROUPS lists them (config.py, v0.5.3).
  expect(Object.fromEntries(groups.map((g) => [g.key, g.members.length]))).toEqual({
    bigbench: 121, bbh: 18, agieval: 17, ethics: 5, blimp: 67, glue: 10, global_mmlu: 42, xcopa: 11, xstorycloze: 11,
    xwinograd: 6, mgsm: 13, arabic_exams: 41, anli: 3, healthbench: 2, openai_mrcr: 3, matharena: 11, qa4mre: 3,
    otis_mock_aime: 2, smt: 6, cti_bench: 4, bbl: 18, math_group_22_10_2025: 11, mmmlu: 14, superglue: 7,
    polyglotoxicity: 17, bbq: 11, jailbreak: 3, multimodal: 7, tau_bench: 3,
  });
  for (const g of groups) {
    expect(getEvalGroup(g.key)).toBe(g);
    expect(getEvalGroup(g.key.replaceAll('_', '-'))).toBe(g);
  }
  expect(getEvalGroup('mmlu')).toBeUndefined();
});

test('a group is runnable when every member is; every member that cannot run says why', () => {
  const views = listEvalGroups().map((g) => evalGroupView(g, runnable));
  expect(views.filter((v) => v.runnable).map((v) => v.name)).toEqual([
    'bigbench', 'bbh', 'agieval', 'ethics', 'blimp', 'glue', 'global_mmlu', 'xcopa', 'xstorycloze', 'xwinograd', 'mgsm', 'arabic_exams', 'anli',
    'healthbench', 'openai_mrcr', 'matharena', 'qa4mre', 'otis_mock_aime', 'smt', 'bbl', 'math_group_22_10_2025', 'mmmlu', 'superglue', 'polyglotoxicity', 'bbq',
    'jailbreak', 'multimodal',
  ]);
  for (const view of views) {
    expect(view.runnable_members).toBe(view.members.filter((m) => m.runnable).length);
    expect(view.runnable).toBe(view.runnable_members === view.members.length);
    expect(view.reason === undefined).toBe(view.runnable);
    for (const m of view.members) expect(m.reason === undefined).toBe(m.runnable);
  }
  const ctiBench = views.find((v) => v.name === 'cti_bench')!;
  expect(ctiBench.reason).toBe('4 of 4 members cannot run here (each member says why); a group runs only whole, as in openbench');
  // No eval upstream: config.py lists the members only in EVAL_GROUPS (CTI-Bench is in the openbench-cyber plugin).
  expect(ctiBench.members.map((m) => [m.name, m.display_name, m.reason])).toEqual(
    ['cti_bench_ate', 'cti_bench_mcq', 'cti_bench_rcm', 'cti_bench_vsp'].map((name) => [
      name,
      null,
      "Not an openbench benchmark: openbench's config.py lists it only in the cti_bench eval group and has no eval for it (CTI-Bench ships in the separate openbench-cyber plugin, whose code and data are not part of openbench)",
    ]),
  );
  expect(views.find((v) => v.name === 'tau_bench')!.members[0]).toEqual({
    name: 'tau_bench_retail',
    display_name: expect.any(String),
    runnable: false,
    reason: 'Needs an agent harness (multi-turn tool use with a simulated user), which this engine does not run',
  });
  expect(views.find((v) => v.name === 'bbh')!.members[0]).toEqual({ name: 'bbh_causal_judgment', display_name: 'BBH: Causal Judgment', runnable: true });
});
