import { Command } from 'commander';

export function checkCommand(): Command {
  return new Command('check')
    .description('Validate briefing files: one line per file, exit 1 if any is wrong.')
    .argument('[dir]', 'folder of briefing files', 'briefings')
    .action(async (dir: string) => {
      const { loadBriefingDir } = await import('../storage/briefing-files/load-briefing-dir.js');
      const { formatProblem } = await import('../core/briefing/parse-briefing.js');
      let results: Awaited<ReturnType<typeof loadBriefingDir>>;
      try {
        results = await loadBriefingDir(dir);
      } catch (error) {
        process.stdout.write(`${dir}: cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
        process.exitCode = 1;
        return;
      }
      for (const r of results) {
        if (r.briefing) process.stdout.write(`${r.file}: ok (${r.briefing.id}, ${r.briefing.status}, ${r.briefing.qa.length} Q&A)\n`);
        else for (const p of r.problems) process.stdout.write(`${formatProblem(p)}\n`);
      }
      const bad = results.filter((r) => !r.briefing).length;
      if (results.length === 0) process.stdout.write(`${dir}: no briefing files (*.md)\n`);
      if (bad > 0) process.exitCode = 1;
    });
}
