import { describe, expect, it } from 'vitest';
import { jobDepths, layoutJobs } from './graph';

const job = (id: number, key: string, needs: string[] = []) => ({ id, name: key, job_key: key, needs });

describe('layoutJobs', () => {
  it('puts a job one column after the deepest job it needs', () => {
    const jobs = [job(1, 'build'), job(2, 'lint'), job(3, 'test', ['build']), job(4, 'deploy', ['test', 'lint'])];
    expect(layoutJobs(jobs).map((c) => c.map((j) => j.name))).toEqual([['build', 'lint'], ['test'], ['deploy']]);
  });

  it('waits for every job of a matrix that shares the key', () => {
    const jobs = [job(1, 'prep'), job(2, 'test', ['prep']), job(3, 'test', ['prep']), job(4, 'report', ['test'])];
    expect([...jobDepths(jobs)]).toEqual([[1, 0], [2, 1], [3, 1], [4, 2]]);
  });

  it('starts jobs whose needs are missing at column 0 and survives a cycle', () => {
    expect(layoutJobs([job(1, 'a', ['gone'])]).map((c) => c.length)).toEqual([1]);
    const depths = jobDepths([job(1, 'a', ['b']), job(2, 'b', ['a'])]);
    expect(depths.size).toBe(2);
  });

  it('takes jobs without a key or needs by name', () => {
    const jobs = [{ id: 1, name: 'one' }, { id: 2, name: 'two', needs: ['one'] }];
    expect(layoutJobs(jobs).map((c) => c.map((j) => j.id))).toEqual([[1], [2]]);
  });
});
