import type { Language } from '../text/languages.js';

/** What help channels and /autoreply say (see words.ts). */
export const HELP_WORDS = {
  insightsLeftToPeople: {
    en: 'Help-channel posts left to people (the bot was not sure enough)',
    de: 'Beiträge in Hilfekanälen, die Menschen überlassen wurden (der Bot war nicht sicher genug)',
  },
  buttonAskHuman: { en: 'Ask a human', de: 'Einen Menschen fragen' },
  buttonSolved: { en: 'Solved', de: 'Gelöst' },
  helpersCalled: {
    en: '{role}: a member would like a person to answer this question.',
    de: '{role}: Jemand möchte, dass ein Mensch diese Frage beantwortet.',
  },
  helpersCalledAck: { en: 'The helpers have been called.', de: 'Die Helfer wurden gerufen.' },
  helpersAlreadyCalled: {
    en: 'The helpers were already called for this question.',
    de: 'Die Helfer wurden für diese Frage schon gerufen.',
  },
  helpNotYours: {
    en: 'Only the member who asked, or a moderator, can do that.',
    de: 'Das kann nur, wer gefragt hat, oder ein Moderator.',
  },
  helpSolvedAck: { en: 'Marked as solved.', de: 'Als gelöst markiert.' },
  helpSolvedNoPermission: {
    en: 'I could not mark it solved: I need the Manage Threads permission here (for posts I did not start). Ask a moderator.',
    de: 'Ich konnte es nicht als gelöst markieren: Mir fehlt hier die Berechtigung „Threads verwalten“ (für Beiträge, die ich nicht gestartet habe). Frag einen Moderator.',
  },
  helpGone: {
    en: 'I no longer know that question (its data was deleted).',
    de: 'Diese Frage kenne ich nicht mehr (ihre Daten wurden gelöscht).',
  },
  autoreplyNeedsIntent: {
    en: "Answering on its own needs Discord's Message Content intent, so that the bot can read posts. Turn on **Message Content Intent** for this application in the Developer Portal (Bot → Privileged Gateway Intents; a bot in 100 or more servers needs Discord's verification for it), set `DISCORD_MESSAGE_CONTENT=true` in the bot's settings, restart it, and run this again.",
    de: 'Selbstständiges Antworten braucht Discords „Message Content Intent“, damit der Bot Beiträge lesen kann. Schalte **Message Content Intent** für diese Anwendung im Developer Portal ein (Bot → Privileged Gateway Intents; ein Bot in 100 oder mehr Servern braucht dafür Discords Verifizierung), setze `DISCORD_MESSAGE_CONTENT=true` in den Einstellungen des Bots, starte ihn neu und führe dies noch einmal aus.',
  },
  autoreplyOn: {
    en: 'I will answer questions in <#{channel}> on my own when I am sure enough, and stay quiet otherwise.{extra}',
    de: 'Ich beantworte Fragen in <#{channel}> selbstständig, wenn ich mir sicher genug bin, und schweige sonst.{extra}',
  },
  autoreplyOff: {
    en: 'I no longer answer on my own in <#{channel}>.',
    de: 'Ich antworte in <#{channel}> nicht mehr selbstständig.',
  },
  autoreplyWasOff: {
    en: 'I was not answering on my own in <#{channel}>.',
    de: 'In <#{channel}> habe ich nicht selbstständig geantwortet.',
  },
  autoreplyList: { en: 'I answer on my own in: {channels}', de: 'Ich antworte selbstständig in: {channels}' },
  autoreplyNone: { en: 'I answer on my own in no channel.', de: 'Ich antworte in keinem Kanal selbstständig.' },
  autoreplyBadChannel: {
    en: 'I can answer on my own in a forum or a text channel only.',
    de: 'Selbstständig antworten kann ich nur in einem Forum oder Textkanal.',
  },
  autoreplyNoTag: {
    en: 'The forum has no tag named “{tag}”.',
    de: 'Das Forum hat keinen Tag namens „{tag}“.',
  },
  saveAnswerWhere: {
    en: "Save as answer works on a member's reply in a thread (not on the question itself, nor on a bot's message).",
    de: '„Als Antwort speichern“ geht bei der Antwort eines Mitglieds in einem Thread (nicht bei der Frage selbst und nicht bei Nachrichten von Bots).',
  },
  privacyCommunityAnswers: {
    en: 'If a moderator saved one of your replies in a help thread as an answer, it is in the articles with your name and a link to your message; deleting your data removes it.',
    de: 'Hat ein Moderator eine deiner Antworten in einem Hilfe-Thread als Antwort gespeichert, steht sie mit deinem Namen und einem Link zu deiner Nachricht in den Artikeln; das Löschen deiner Daten entfernt sie.',
  },
  privacyAnswersRemoved: {
    en: 'Your {count} answer(s) saved from help threads were removed from the articles too.',
    de: 'Deine {count} aus Hilfe-Threads gespeicherte(n) Antwort(en) wurden ebenfalls aus den Artikeln entfernt.',
  },
  communityPublisher: { en: 'answer by a helper in #{channel}', de: 'Antwort eines Helfers in #{channel}' },
  autoreplyHelpers: { en: ' **Ask a human** calls {role}.', de: ' **Einen Menschen fragen** ruft {role}.' },
} as const satisfies Record<string, Record<Language, string>>;
