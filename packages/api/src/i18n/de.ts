// German. Keys missing here fall back to English.
import type { MessageKey } from './en.js';

export const de: Partial<Record<MessageKey, string>> = {
  'error.notSetUp':
    'TicketByte ist auf diesem Server noch nicht eingerichtet. Ein Admin kann /setup ausführen.',
  'error.guildRemoved': 'TicketByte ist auf diesem Server nicht mehr aktiv.',
  'error.blacklisted': 'Du darfst auf diesem Server keine Tickets eröffnen.',
  'error.ticketLimit':
    'Du hast bereits {limit} offene(s) Ticket(s). Schließe eines, bevor du ein neues eröffnest.',
  'error.unknownCategory':
    'Diese Ticket-Kategorie gibt es nicht mehr. Bitte das Team, das Panel zu aktualisieren.',
  'error.noCategories':
    'Dieser Server hat noch keine Ticket-Kategorien. Ein Admin kann sie im Dashboard anlegen.',
  'error.notInTicket': 'Dieser Befehl funktioniert nur in einem Ticket-Kanal.',
  'error.ticketNotFound': 'Dieses Ticket wurde nicht gefunden.',
  'error.notStaff': 'Das kann nur das Team.',
  'error.notAdmin': 'Das können nur Server-Admins.',
  'error.forbidden': 'Das darfst du nicht.',
  'error.ticketClosed': 'Dieses Ticket ist bereits geschlossen.',
  'error.ticketOpen': 'Dieses Ticket ist noch offen.',
  'error.alreadyClaimed': 'Dieses Ticket wurde bereits von {user} übernommen.',
  'error.notClaimed': 'Dieses Ticket ist nicht übernommen.',
  'error.missingPermission':
    'TicketByte fehlt die Berechtigung {permission}. Bitte einen Admin, sie zu erteilen, und versuche es erneut.',
  'error.discordUnavailable':
    'Discord hat nicht rechtzeitig geantwortet. Es wurde nichts geändert; bitte versuche es erneut.',
  'error.invalidInput': 'Einige Eingaben sind ungültig: {details}',
  'error.tooManyRequests': 'Zu viele Anfragen. Bitte warte einen Moment.',
  'error.internal': 'Bei uns ist etwas schiefgelaufen (Referenz {requestId}). Bitte versuche es erneut.',
  'error.answersMissing': 'Bitte beantworte: {questions}.',
  'error.cannotRemoveOpener': 'Die Person, die das Ticket eröffnet hat, kann nicht entfernt werden.',
  'ticket.welcome.title': 'Ticket #{number}',
  'ticket.welcome.body': 'Hallo {opener}, danke für deine Nachricht. Das Team meldet sich gleich.',
  'ticket.welcome.category': 'Kategorie',
  'ticket.welcome.topic': 'Thema',
  'ticket.button.claim': 'Übernehmen',
  'ticket.button.close': 'Schließen',
  'ticket.button.reopen': 'Wieder öffnen',
  'ticket.button.transcript': 'Verlauf',
  'ticket.button.delete': 'Löschen',
  'ticket.button.acceptClose': 'Schließen',
  'ticket.button.denyClose': 'Offen lassen',
  'ticket.claimed': '{staff} hat dieses Ticket übernommen.',
  'ticket.unclaimed': '{staff} hat dieses Ticket freigegeben.',
  'ticket.closed': 'Ticket von {user} geschlossen.',
  'ticket.closedWithReason': 'Ticket von {user} geschlossen: {reason}',
  'ticket.reopened': 'Ticket von {user} wieder geöffnet.',
  'ticket.memberAdded': '{user} hat {member} zum Ticket hinzugefügt.',
  'ticket.memberRemoved': '{user} hat {member} aus dem Ticket entfernt.',
  'ticket.autoCloseWarning':
    'Dieses Ticket ist seit einiger Zeit inaktiv und wird in {hours} Stunde(n) automatisch geschlossen, falls niemand schreibt.',
  'ticket.autoClosed': 'Nach {hours} Stunde(n) ohne Aktivität automatisch geschlossen.',
  'ticket.openedReply': 'Dein Ticket ist offen: {channel}',
  'priority.low': 'Niedrig',
  'priority.normal': 'Normal',
  'priority.high': 'Hoch',
  'priority.urgent': 'Dringend',
};
