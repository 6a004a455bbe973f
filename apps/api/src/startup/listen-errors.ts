import type { Server } from 'node:http';

/** A start-up failure whose message is the whole story (one line, what to change). */
export class StartupError extends Error {}

/** Turns "address in use" and "permission denied" into a sentence naming the variable to change. */
export function explainListenError(error: unknown, port: number, variable: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE')
    return new StartupError(
      `port ${port} is already in use: set ${variable} to a free port, or stop the process using it`,
    );
  if (code === 'EACCES')
    return new StartupError(`not allowed to listen on port ${port}: set ${variable} to a port above 1023`);
  if (code === 'EADDRNOTAVAIL')
    return new StartupError(`cannot listen on this address: set HOST to an address of this machine (or 0.0.0.0)`);
  return error;
}

export function listenOrExplain(server: Server, port: number, host: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(explainListenError(error, port, variable)));
    server.listen(port, host, () => resolve());
  });
}
