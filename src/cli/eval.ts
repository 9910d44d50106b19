import { readFile } from 'node:fs/promises';
import { Command } from 'commander';

/**
 * `briefbot eval <questions.jsonl…> [--briefings <dir>]`: an editor's own questions run through the real
 * answer engine on a folder of briefings, one line per question and a summary; exits 1 below the
 * minimum shares given. Nothing is stored.
 */
export function evalCommand(): Command {
  return new Command('eval')
    .description('Run your own questions (JSON lines) through the answer engine: right or wrong per question, and a summary.')
    .argument('<questions...>', 'JSON-lines files: {"q", "any"?, "all"?, "refuse"?, "briefing"?, "conversation"?}')
    .option('--briefings <dir>', 'folder of briefing files (default: BRIEFBOT_BRIEFINGS_DIR)')
    .option('--min-answer <percent>', 'exit 1 if fewer answerable questions are answered right', '0')
    .option('--min-refuse <percent>', 'exit 1 if fewer questions to refuse are refused', '0')
    .option('--quiet', 'print only the summary')
    .action(async (files: string[], opts: { briefings?: string; minAnswer: string; minRefuse: string; quiet?: boolean }) => {
      const [{ loadConfig }, { loadBriefingDir }, { BriefingLibrary }, { AnswerEngine }, { prepareWordVectors }, editorial, { formatProblem }] =
        await Promise.all([
          import('../config/config.js'),
          import('../storage/briefing-files/load-briefing-dir.js'),
          import('../core/briefing/briefing-library.js'),
          import('../core/answers/answer-engine.js'),
          import('../core/text/vectors.js'),
          import('../core/editorial/evaluate.js'),
          import('../core/briefing/parse-briefing.js'),
        ]);
      const dir = opts.briefings ?? loadConfig().briefingsDir;
      const loaded = await loadBriefingDir(dir);
      for (const r of loaded) for (const p of r.problems) process.stderr.write(`${formatProblem(p)}\n`);
      await prepareWordVectors();
      const engine = new AnswerEngine(new BriefingLibrary(loaded.flatMap((r) => (r.briefing ? [r.briefing] : []))));
      const out = (line: string) => process.stdout.write(`${line}\n`);
      const all: Awaited<ReturnType<typeof editorial.evaluate>>['results'] = [];
      for (const file of files) {
        const { lines, problems } = editorial.parseEvalLines(await readFile(file, 'utf8'));
        for (const p of problems) process.stderr.write(`${file}:${p.line}: ${p.message}\n`);
        type Context = NonNullable<Parameters<typeof engine.answer>[1]>['context'];
        const contexts = new Map<string, Context>();
        const { results } = await editorial.evaluate(lines, async (q, key) => {
          const context = contexts.get(key);
          const a = engine.answer(q, context ? { context } : {});
          if (a.context) contexts.set(key, a.context);
          return { answered: a.answered, text: a.text, briefing: a.briefing, cited: a.citation !== undefined };
        });
        if (!opts.quiet) {
          for (const r of results) {
            const shown = r.answer.answered ? r.answer.text : 'refused';
            const routed = r.routed === false ? ` (went to ${r.answer.briefing ?? 'no briefing'})` : '';
            out(`${r.right ? 'right' : 'WRONG'}  ${r.kind.padEnd(10)}  ${r.line.q}  →  ${shown}${routed}`);
          }
        }
        all.push(...results);
      }
      const s = editorial.summarise(all);
      const pct = (t: { right: number; total: number }) => `${t.right}/${t.total} (${Math.round(editorial.share(t) * 100)}%)`;
      out(`answered right: ${pct(s.answerable)}`);
      out(`refused right:  ${pct(s.refuse)}`);
      out(`follow-ups right: ${pct(s.followUps)}`);
      out(`routed right:   ${pct(s.routed)}`);
      if (s.uncited > 0) out(`answers without a citation: ${s.uncited}`);
      const below = (share: number, min: string) => share * 100 < Number(min);
      if (below(editorial.share(s.answerable), opts.minAnswer) || below(editorial.share(s.refuse), opts.minRefuse) || s.uncited > 0) process.exitCode = 1;
    });
}
