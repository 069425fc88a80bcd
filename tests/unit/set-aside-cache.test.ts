import { describe, expect, it } from 'vitest';
import { SetAsideCache } from '@/lib/set-aside-cache';

describe('SetAsideCache', () => {
  it('holds what is set, up to its limit, then starts again', () => {
    const cache = new SetAsideCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([1, 2, 2]);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([undefined, 3, 1]);
  });

  it('sets its entries aside and takes each back when it is asked for again', () => {
    const cache = new SetAsideCache<string, number>(10);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.setAside();
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(1);
    expect(cache.get('z')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('keeps only the last entries set aside', () => {
    const cache = new SetAsideCache<string, number>(10);
    cache.set('a', 1);
    cache.setAside();
    cache.set('b', 2);
    cache.setAside();
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 2]);
  });
});
