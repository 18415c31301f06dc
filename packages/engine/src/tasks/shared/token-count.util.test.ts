import { getChatmlTokenCount, getTokenCount, o200kEncoder } from './token-count.util';

describe("tiktoken's o200k_base (gpt-4o) from the package's own ranks, offline", () => {
  // Token ids tiktoken gives for o200k_base, as published in tiktoken-compatible libraries' test suites.
  it.each([
    ['hello world', [24912, 2375]],
    ['This is some text', [2500, 382, 1236, 2201]],
    ['hello 👋 world 🌍', [24912, 61138, 233, 2375, 130321, 235]],
    [' 日本語とEnglish 12345!\n', [17428, 40909, 5330, 28881, 220, 7633, 2548, 4175]],
    ['\u001ca', [216, 64]],
    ['a\n\n', [64, 279]],
    ['', []],
  ])('%j', (text, ids) => {
    expect(o200kEncoder().encode(text)).toEqual(ids);
    expect(getTokenCount(text)).toBe(ids.length);
  });

  it('refuses special tokens in text, as tiktoken.encode does by default', () => {
    expect(() => getTokenCount('<|endoftext|>')).toThrow();
  });

  it('counts a ChatML conversation as openbench get_chatml_tok_cnt: 3, plus 3 and every value per message, 1 more per name', () => {
    const messages = [
      { role: 'user', content: 'hello world' },
      { role: 'assistant', content: 'This is some text', name: 'bot' },
    ];
    const values = getTokenCount('user') + 2 + getTokenCount('assistant') + 4 + getTokenCount('bot');
    expect(getChatmlTokenCount(JSON.stringify(messages))).toBe(3 + 3 + 3 + values + 1);
  });
});
