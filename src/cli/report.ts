import { Command } from 'commander';

/** `briefbot report unanswered [--since 7d]`: refused and 👎 questions by briefing, most asked first. */
export function reportCommand(): Command {
  const report = new Command('report').description('Reports for editors.');
  report
    .command('unanswered')
    .description('What people asked that was refused or voted 👎, grouped by briefing, most asked first.')
    .option('--since <age>', 'how far back: 90m, 24h, 7d, 4w', '7d')
    .option('--database <path-or-url>', 'the store to read (default: BRIEFBOT_DATABASE)')
    .action(async (opts: { since: string; database?: string }) => {
      const [{ configure }, { openStore }, { unansweredReport, parseSince }, { ErrorCode, UserError }] = await Promise.all([
        import('../main.js'),
        import('../storage/open-store.js'),
        import('../core/editorial/unanswered-report.js'),
        import('../core/errors.js'),
      ]);
      const age = parseSince(opts.since);
      if (age === undefined) throw new UserError(ErrorCode.OptionInvalid, `--since must look like 90m, 24h, 7d or 4w, not "${opts.since}".`);
      const { config, logger } = configure({ ...(opts.database ? { database: opts.database } : {}), logLevel: 'warn' });
      const store = await openStore(config.database, { poolSize: 2, logger });
      try {
        const since = new Date(Date.now() - age);
        const [refused, downvoted] = await Promise.all([store.unanswered.list({ since }), store.feedback.list({ helpful: false, since, limit: 10_000 })]);
        const groups = unansweredReport(refused, downvoted);
        const out = (line: string) => process.stdout.write(`${line}\n`);
        if (groups.length === 0) out(`Nothing refused or voted down since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
        for (const g of groups) {
          out(`${g.briefing ?? '(no briefing)'}: ${g.total}`);
          for (const q of g.questions) {
            const why = [q.refused ? `${q.refused} refused` : '', q.downvoted ? `${q.downvoted} voted down` : ''].filter(Boolean).join(', ');
            out(`  ${String(q.refused + q.downvoted).padStart(4)}  ${q.question}  (${why})`);
          }
        }
      } finally {
        await store.close();
      }
    });
  return report;
}
