// Preload for the benchmark: print the process's peak resident set size on exit, for the parent to read.
process.on('exit', () => {
  process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
