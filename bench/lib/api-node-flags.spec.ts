import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiNodeFlags, dockerfileNodeFlags } from './api-node-flags';
import { repoRoot } from './paths';

describe('the api node flags', () => {
  it('are the same in npm start and in the Dockerfile, and keep the heap through lulls', () => {
    const root = repoRoot();
    expect(dockerfileNodeFlags(root)).toEqual(apiNodeFlags(root));
    expect(apiNodeFlags(root)).toContain('--no-memory-reducer');
  });

  describe('read from a project', () => {
    let root: string;
    beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'alveole-flags-'))));
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const project = (start: string, dockerfile: string) => {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { start } }));
      writeFileSync(join(root, 'Dockerfile'), dockerfile);
    };

    it('takes every flag between node and the script, and the last CMD of the Dockerfile', () => {
      project(
        'node --no-memory-reducer --max-semi-space-size=32 scripts/start.js',
        'FROM node AS build\nCMD ["node", "build.js"]\nFROM node\nCMD ["node", "--no-memory-reducer", "dist/apps/api/src/main.js"]\n',
      );
      expect(apiNodeFlags(root)).toEqual(['--no-memory-reducer', '--max-semi-space-size=32']);
      expect(dockerfileNodeFlags(root)).toEqual(['--no-memory-reducer']);
    });

    it('refuses a start script or a CMD of another shape rather than guessing', () => {
      project('node scripts/start.js && echo done', 'CMD ["npm", "start"]\n');
      expect(() => apiNodeFlags(root)).toThrow(/is not `node \[flags\] scripts\/start.js`/);
      expect(() => dockerfileNodeFlags(root)).toThrow(/is not \["node", \.\.\.flags/);
    });
  });
});
