// Preload for the benchmark: print the process's peak resident set size and CPU time on exit, for the parent to read.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`peak-rss-kb=${u.maxRSS} cpu-ms=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});
