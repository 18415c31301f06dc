/**
 * openbench's MGSM prompts (`src/openbench/datasets/mgsm.py`, `LANG_TO_INSTRUCTIONS` and
 * `LANG_TO_ANSWER_PREFIX`), verbatim: the odd spots (the Japanese prompt starting mid-word, the
 * Bengali "।.", the Chinese full-width colon) are upstream's and change what models are asked.
 */

export interface MgsmLanguage {
  /** The language's English name, as the catalog gives it. */
  name: string;
  /** What the model is told to write before its answer; the scorer looks for it. */
  answerPrefix: string;
  /** The prompt; `{input}` is the problem. */
  instruction: string;
}

/** Keyed by language code, in upstream's `ALL_LANGUAGES` order. */
export const MGSM_LANGUAGES = {
  bn: {
    name: 'Bengali',
    answerPrefix: 'উত্তর',
    instruction: `এই গণিতের সমস্যাটি সমাধান করুন। চূড়ান্ত উত্তর দেওয়ার আগে যুক্তিসম্পন্ন পদক্ষেপ প্রদান করুন। চূড়ান্ত উত্তরটি একক সংখ্যা হিসাবে "উত্তর:" এর পরে শেষ লাইনে দিন। "উত্তর:" এর পরে অন্য কিছু যুক্ত করবেন না।.

{input}`,
  },
  de: {
    name: 'German',
    answerPrefix: 'Antwort',
    instruction: `Löse dieses Mathematikproblem. Gib die Schritte zur Begründung an, bevor du die endgültige Antwort in der letzten Zeile alleine im Format "Antwort:" gibst. Füge nichts anderes als die ganzzahlige Antwort nach "Antwort:" hinzu.

{input}`,
  },
  en: {
    name: 'English',
    answerPrefix: 'Answer',
    instruction: `Solve this math problem. Give the reasoning steps before giving the final answer on the last line by itself in the format of "Answer:". Do not add anything other than the integer answer after "Answer:".

{input}`,
  },
  es: {
    name: 'Spanish',
    answerPrefix: 'Respuesta',
    instruction: `Resuelve este problema matemático. Proporciona los pasos de razonamiento antes de dar la respuesta final en la última línea por sí misma en el formato de "Respuesta:". No añadas nada más que la respuesta entera después de "Respuesta:".

{input}`,
  },
  fr: {
    name: 'French',
    answerPrefix: 'Réponse',
    instruction: `Résolvez ce problème de mathématiques. Donnez les étapes de raisonnement avant de fournir la réponse finale sur la dernière ligne elle-même dans le format de "Réponse:". N'ajoutez rien d'autre que la réponse entière après "Réponse:".

{input}`,
  },
  ja: {
    name: 'Japanese',
    answerPrefix: '答え',
    instruction: `の数学の問題を解いてください。最終的な答えを出す前に、解答の推論過程を記述してください。そして最後の行には "答え:" の形式で答えを記述し、その後には整数の答え以外何も追加しないでください。

{input}`,
  },
  ru: {
    name: 'Russian',
    answerPrefix: 'Ответ',
    instruction: `Решите эту математическую задачу. Объясните шаги рассуждения перед тем, как дать окончательный ответ в последней строке сам по себе в формате "Ответ:". Не добавляйте ничего, кроме целочисленного ответа после "Ответ:".

{input}`,
  },
  sw: {
    name: 'Swahili',
    answerPrefix: 'Jibu',
    instruction: `Suluhisha tatizo hili la hesabu. Toa hatua za mantiki kabla ya kutoa jibu la mwisho kwenye mstari wa mwisho peke yake katika muundo wa "Jibu:". Usiongeze chochote kingine isipokuwa jibu la integer baada ya "Jibu:".

{input}`,
  },
  te: {
    name: 'Telugu',
    answerPrefix: 'సమాధానం',
    instruction: `ఈ గణిత సమస్యను పరిష్కరించండి. చివరి సమాధానాన్ని ఇవ్వదానికి ముందు తర్కాత్మక అదుగులను ఇవ్వండి. చివరి పంక్తిలో మాత్రమే 'సమాధానం:' అనే ఆకారంలో చివరి సమాధానాద్ని ఇవ్వండి సమాధానం: తర్వాత పూర్ణాంక సమాధానానికి తప్పించి ఎదేనా చేర్చవద్దు.

{input}`,
  },
  th: {
    name: 'Thai',
    answerPrefix: 'คำตอบ',
    instruction: `แก้ปัญหาคณิตศาสตร์นี้ ให้ให้ขั้นตอนการใช้เหตุผลก่อนที่จะให้คำตอบสุดท้ายในบรรทัดสุดท้ายโดยอยู่ในรูปแบบ "คำตอบ:" ไม่ควรเพิ่มอะไรนอกจากคำตอบที่เป็นจำนวนเต็มหลังจาก "คำตอบ:"

{input}`,
  },
  zh: {
    name: 'Chinese',
    answerPrefix: '答案',
    instruction: `解决这个数学问题。在最后一行给出答案前，请提供推理步骤。最后一行应该以 "答案: " 的形式独立给出答案。在 "答案：" 后不要添加除整数答案之外的任何内容。

{input}`,
  },
} as const satisfies Record<string, MgsmLanguage>;

export type MgsmLanguageCode = keyof typeof MGSM_LANGUAGES;

export const ALL_LANGUAGES = Object.keys(MGSM_LANGUAGES) as MgsmLanguageCode[];
export const LATIN_LANGUAGES: readonly MgsmLanguageCode[] = ['de', 'en', 'es', 'fr', 'sw'];
export const NON_LATIN_LANGUAGES: readonly MgsmLanguageCode[] = ['bn', 'ja', 'ru', 'te', 'th', 'zh'];
