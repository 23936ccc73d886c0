import type { Language } from '../text/languages.js';

/** What /privacy and /insights say (see words.ts). */
export const DATA_WORDS = {
  // Follow-up questions
  buttonFollowUp: { en: 'Follow up', de: 'Nachfragen' },
  followUpTitle: { en: 'Ask a follow-up question', de: 'Eine Nachfrage stellen' },
  followUpLabel: { en: 'Your question', de: 'Deine Frage' },
  followUpInThread: { en: 'Answered in <#{thread}>.', de: 'Beantwortet in <#{thread}>.' },
  followUpNoThread: {
    en: "I can't start a thread here: I need the Create Public Threads and Send Messages in Threads permissions in this channel. Ask a moderator, or use /ask.",
    de: 'Ich kann hier keinen Thread starten: Mir fehlen die Berechtigungen „Öffentliche Threads erstellen“ und „Nachrichten in Threads senden“ in diesem Kanal. Frag einen Moderator oder nutze /frage.',
  },
  followUpClosed: {
    en: 'This conversation is closed to follow-ups (nobody asked for {hours} hours). Ask anew with /ask.',
    de: 'Diese Unterhaltung nimmt keine Nachfragen mehr an (seit {hours} Stunden keine Frage). Frag neu mit /frage.',
  },
  followUpEmpty: {
    en: 'Mention me with your question, for example: @feudbot and when was that?',
    de: 'Erwähne mich mit deiner Frage, zum Beispiel: @feudbot und wann war das?',
  },
  // /privacy
  privacyTitle: { en: 'Your data in feudbot', de: 'Deine Daten bei feudbot' },
  privacyStored: {
    en: 'feudbot keeps, with your Discord user id: your questions ({questions}), the answers posted to them ({answers}) and your votes ({votes}) with what you said was wrong.',
    de: 'feudbot speichert mit deiner Discord-Nutzer-ID: deine Fragen ({questions}), die Antworten darauf ({answers}) und deine Bewertungen ({votes}) samt deiner Angaben, was falsch war.',
  },
  privacyRetention: {
    en: 'They are deleted after {days} days. Moderators see questions, refusals and 👎 reasons in /insights, without names.',
    de: 'Sie werden nach {days} Tagen gelöscht. Moderatoren sehen Fragen, Ablehnungen und 👎-Gründe in /insights, ohne Namen.',
  },
  privacyNoText: {
    en: 'This server keeps no question text at all: only counts, and answers for their buttons.',
    de: 'Dieser Server speichert überhaupt keinen Fragetext: nur Zahlen und Antworten für ihre Knöpfe.',
  },
  privacyModel: {
    en: 'When a language model answers, its provider gets the question and the article passages, nothing about you.',
    de: 'Wenn ein Sprachmodell antwortet, bekommt dessen Anbieter die Frage und die Artikelabschnitte, nichts über dich.',
  },
  privacyDeleteButton: { en: 'Delete my data now', de: 'Meine Daten jetzt löschen' },
  privacyDeleted: {
    en: 'Deleted: {questions} questions, {answers} answers and {votes} votes. Nothing about you is left.',
    de: 'Gelöscht: {questions} Fragen, {answers} Antworten und {votes} Bewertungen. Nichts über dich ist übrig.',
  },
  // /insights
  notModeratorInsights: {
    en: 'Only moderators can see insights (Manage Server, or a moderator role).',
    de: 'Nur Moderatoren können Einblicke sehen (Server verwalten oder eine Moderatorenrolle).',
  },
  insightsTitle: { en: 'Insights: the last {days} days', de: 'Einblicke: die letzten {days} Tage' },
  insightsAsked: { en: 'Asked', de: 'Gefragt' },
  insightsAnswered: { en: 'Answered', de: 'Beantwortet' },
  insightsRefused: { en: 'Not covered', de: 'Nicht abgedeckt' },
  insightsFallback: { en: 'Quoted (model failed)', de: 'Zitiert (Modell fiel aus)' },
  insightsVotes: { en: 'Votes', de: 'Bewertungen' },
  insightsTokens: { en: 'Model tokens', de: 'Modell-Tokens' },
  insightsTokensValue: {
    en: '{tokens} · daily budget reached {reached}×',
    de: '{tokens} · Tagesbudget erreicht: {reached}×',
  },
  insightsVotesValue: { en: '👍 {up} · 👎 {down} ({share} 👍)', de: '👍 {up} · 👎 {down} ({share} 👍)' },
  insightsUncovered: { en: 'Asked most, not covered', de: 'Am meisten gefragt, nicht abgedeckt' },
  insightsUnsure: {
    en: 'Answered with little confidence (check these)',
    de: 'Mit wenig Sicherheit beantwortet (bitte prüfen)',
  },
  insightsDownvoted: { en: 'Answers voted 👎', de: 'Mit 👎 bewertete Antworten' },
  insightsPrivateAnswer: { en: 'private answer', de: 'private Antwort' },
  insightsNone: { en: 'None in this period.', de: 'Keine in diesem Zeitraum.' },
  insightsRetention: {
    en: 'Only the last {days} days are kept.',
    de: 'Nur die letzten {days} Tage werden aufbewahrt.',
  },
  chartTitle: { en: 'Answers per day', de: 'Antworten pro Tag' },
} as const satisfies Record<string, Record<Language, string>>;
