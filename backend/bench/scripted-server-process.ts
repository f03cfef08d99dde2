/**
 * The scripted model server in its own process for the benchmark, so the server's work does not share the
 * event loop being measured (a real model server is another machine). Talks to the parent over IPC:
 * sends `{ baseURL }` when listening; answers `report` with what it saw; exits on `close`.
 */
import { messageText, startScriptedModelServer } from '../test/helpers/scripted-model-server.ts';

export interface ServerReport {
  maxInFlight: number;
  /** Per request, the text of each message. */
  requests: string[][];
  /** When each request arrived, ms after the first. */
  starts?: number[];
}

const latencyMs = Number(process.argv[2] ?? 500);
const server = await startScriptedModelServer({ latencyMs });
process.send!({ baseURL: server.baseURL });
process.on('message', async (msg: string) => {
  if (msg === 'reset') {
    server.reset();
    process.send!({ reset: true });
  } else if (msg === 'report') {
    const report: ServerReport = { maxInFlight: server.maxInFlight, requests: server.requests.map((r) => r.body.messages.map((m) => messageText(m))), starts: server.requests.map((r) => r.startedAt - server.requests[0]!.startedAt) } as ServerReport;
    process.send!({ report });
  } else if (msg === 'close') {
    await server.close();
    process.exit(0);
  }
});
