import { describe, expect, it } from 'vitest';
import { exitReasonOfCallback, exitReasonOfClosingRole } from './tradeExit.ts';

describe('why a trade ended', () => {
  it('the worker’s take_profit is TP2 after a partial close by TP1, else TP1; other reasons keep their name', () => {
    expect(exitReasonOfCallback('take_profit', true)).toBe('tp2');
    expect(exitReasonOfCallback('take_profit', false)).toBe('tp1');
    expect(exitReasonOfCallback('trailing', true)).toBe('trailing');
    expect(exitReasonOfCallback('time_stop', false)).toBe('time_stop');
    expect(exitReasonOfCallback('exchange', false)).toBe('exchange');
  });

  it('the venue’s last closing order tells it, except the worker’s own close', () => {
    const facts = { stopMoved: false, partlyClosedBefore: false };
    expect(exitReasonOfClosingRole('stop_loss', facts)).toBe('stop_loss');
    expect(exitReasonOfClosingRole('stop_loss', { ...facts, stopMoved: true })).toBe('trailing');
    expect(exitReasonOfClosingRole('take_profit', facts)).toBe('tp1');
    expect(exitReasonOfClosingRole('take_profit', { ...facts, partlyClosedBefore: true })).toBe('tp2');
    expect(exitReasonOfClosingRole('liquidation', facts)).toBe('liquidation');
    expect(exitReasonOfClosingRole('manual', facts)).toBe('manual');
    expect(exitReasonOfClosingRole('close', facts)).toBeUndefined();
    expect(exitReasonOfClosingRole('entry', facts)).toBeUndefined();
  });
});
