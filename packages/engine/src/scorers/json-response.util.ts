/** openbench `parse_json_from_response` (`utils/text.py`): the JSON object a grader returned, maybe in a code fence. */

const FENCED = /```(?:json)?\s*([\s\S]*?)\s*```/;
const FLAT_OBJECT = /\{[^{}]*\}/g;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The fenced block's text (else the whole text) parsed as JSON, else the first brace-free `{…}` in it that parses,
 * else `{}`. Python's `json.loads` also takes `NaN`/`Infinity`, which JSON.parse refuses (then the fallbacks apply).
 */
export function parseJsonFromResponse(response: string): unknown {
  const fenced = FENCED.exec(response);
  const text = fenced ? fenced[1] : response;
  const direct = parse(text);
  if (direct !== undefined) return direct;
  for (const [candidate] of text.matchAll(FLAT_OBJECT)) {
    const parsed = parse(candidate);
    if (parsed !== undefined) return parsed;
  }
  return {};
}
