// English: the complete catalog of what only the bot says (command descriptions, help, prompts,
// confirmations). Ticket rules and their errors are in @ticketbyte/api's catalog.
export const en = {
  // Command and option descriptions (Discord shows these in the command picker)
  'cmd.setup': 'Set TicketByte up on this server (safe to run again)',
  'cmd.setup.staffRole': 'The role that handles tickets',
  'cmd.setup.logChannel': 'Where ticket events are logged',
  'cmd.setup.category': 'The channel category new tickets go in (created when left out)',
  'cmd.setup.transcripts': 'Store ticket messages as transcripts (off by default)',
  'cmd.setup.panelChannel': 'Where to post the ticket panel (default: this channel)',
  'cmd.ticket': 'Open and manage tickets',
  'cmd.ticket.open': 'Open a ticket',
  'cmd.ticket.open.category': 'The ticket category (name)',
  'cmd.ticket.open.topic': 'What it is about',
  'cmd.ticket.close': 'Close this ticket',
  'cmd.ticket.close.reason': 'Why it is closed',
  'cmd.ticket.closeRequest': 'Ask the opener whether this ticket can be closed',
  'cmd.ticket.reopen': 'Reopen this ticket',
  'cmd.ticket.claim': 'Take this ticket',
  'cmd.ticket.unclaim': 'Release this ticket',
  'cmd.ticket.add': 'Add a member to this ticket',
  'cmd.ticket.remove': 'Remove a member from this ticket',
  'cmd.ticket.member': 'The member',
  'cmd.ticket.rename': 'Rename this ticket channel',
  'cmd.ticket.rename.name': 'The new channel name',
  'cmd.ticket.priority': "Set this ticket's priority",
  'cmd.ticket.priority.level': 'The priority',
  'cmd.ticket.topic': "Set this ticket's topic",
  'cmd.ticket.topic.text': 'The topic',
  'cmd.blacklist': 'Stop users or roles from opening tickets',
  'cmd.blacklist.add': 'Add a user or role to the blacklist',
  'cmd.blacklist.remove': 'Remove a user or role from the blacklist',
  'cmd.blacklist.list': 'Show the blacklist',
  'cmd.blacklist.target': 'The user or role',
  'cmd.blacklist.reason': 'Why (shown to staff only)',
  'cmd.stats': "This server's ticket numbers",
  'cmd.stats.days': 'How many days back (default 30)',
  'cmd.help': 'What TicketByte can do',
  'cmd.privacy': 'What TicketByte stores about you',

  // Replies
  'reply.reference': 'Reference: {requestId}',
  'reply.ticketExists': 'You already have this ticket open: {channel}',
  'reply.closed': 'Ticket #{number} is closed.',
  'reply.reopened': 'Ticket #{number} is open again.',
  'reply.deleted': 'Ticket #{number}: the channel was deleted.',
  'reply.claimed': 'You claimed ticket #{number}.',
  'reply.unclaimed': 'You released ticket #{number}.',
  'reply.memberAdded': '{member} can now see ticket #{number}.',
  'reply.memberRemoved': '{member} was removed from ticket #{number}.',
  'reply.renamed': 'The channel is now called {name}.',
  'reply.priority': 'Priority of ticket #{number} is now {priority}.',
  'reply.topic': 'Topic of ticket #{number} updated.',
  'reply.closeRequested': 'The opener was asked whether ticket #{number} can be closed.',
  'reply.closeRequestDenied': 'The ticket stays open.',
  'reply.transcript': 'Transcript of ticket #{number} ({count} messages).',
  'reply.tooSlow': 'That took too long to show the form. Please try again.',
  'reply.unknownCommand': 'That command is not available any more.',
  'reply.unknownComponent': 'This button is outdated. Ask staff to post the panel again.',
  'reply.noCategoryNamed': 'There is no ticket category called "{name}". Categories: {names}.',
  'reply.shuttingDown': 'TicketByte is restarting. Please try again in a moment.',

  // Close prompts
  'close.confirm': 'Close ticket #{number}? Staff can reopen it later.',
  'close.confirmButton': 'Close ticket',
  'close.modalTitle': 'Close ticket #{number}',
  'close.reasonLabel': 'Reason',
  'close.reasonPlaceholder': 'What was the outcome?',

  // Opening form
  'open.modalTitle': 'Open a ticket: {category}',
  'open.topicLabel': 'Topic',

  // /setup
  'setup.title': 'TicketByte is set up',
  'setup.staff': 'Staff roles',
  'setup.logChannel': 'Log channel',
  'setup.ticketCategory': 'Ticket category',
  'setup.transcripts': 'Transcripts',
  'setup.transcriptsOn': 'On: messages in ticket channels are stored (encrypted) for {days} days.',
  'setup.transcriptsOff': 'Off: no message content is stored.',
  'setup.panel': 'Panel',
  'setup.none': 'none',
  'setup.next': 'Add categories with opening questions in the dashboard; run /setup again at any time.',

  // /blacklist
  'blacklist.added': '{target} can no longer open tickets.',
  'blacklist.removed': '{target} may open tickets again.',
  'blacklist.title': 'Blacklist',
  'blacklist.empty': 'Nobody is on the blacklist.',
  'blacklist.more': '…and {count} more (see the dashboard).',

  // /stats
  'stats.title': 'Tickets in the last {days} days',
  'stats.opened': 'Opened',
  'stats.closed': 'Closed',
  'stats.openNow': 'Open now',
  'stats.firstResponse': 'Median first response',
  'stats.resolution': 'Median resolution',
  'stats.busiest': 'Busiest categories',
  'stats.commands': 'Commands used',
  'stats.none': '—',

  // /help
  'help.title': 'TicketByte',
  'help.intro': 'Open a ticket from the panel or with /ticket open; staff answer you in a private channel.',
  'help.members': 'For everyone',
  'help.membersBody':
    '/ticket open [category] [topic] · /ticket close [reason] · /ticket topic <text> · /privacy',
  'help.staff': 'For staff',
  'help.staffBody':
    '/ticket claim · unclaim · add · remove · rename · priority · reopen · close-request\n/blacklist add|remove|list · /stats',
  'help.admins': 'For admins',
  'help.adminsBody': '/setup — categories, questions, panels and settings are in the dashboard.',
  'help.prefix': 'Prefix commands',
  'help.prefixBody':
    '{prefix}new [topic] · {prefix}close [reason] · {prefix}claim · {prefix}add @member · {prefix}remove @member · {prefix}help',
  'help.prefixOff': 'Prefix commands are not enabled for this bot (it needs the Message Content intent).',

  // /privacy
  'privacy.title': 'Your data and TicketByte',
  'privacy.body':
    'TicketByte stores your Discord user id with the tickets you open or take part in, the answers you give in ticket forms, and your username and avatar when you log in to the dashboard. Messages in ticket channels are stored only when this server turned transcripts on, and they expire after the retention period. No e-mail address is ever collected.',
  'privacy.thisServer': 'On this server',
  'privacy.transcriptsOn': 'Transcripts are on: messages in ticket channels are stored for {days} days.',
  'privacy.transcriptsOff': 'Transcripts are off: no message content is stored.',
  'privacy.notSetUp': 'TicketByte is not set up here, so nothing about you is stored for this server.',
  'privacy.centre': 'See, download, correct or delete your data in the privacy centre: {url}',
  'privacy.centreNoUrl':
    'Your rights (access, export, correction, deletion) are in the dashboard privacy centre.',

  // Demo
  'demo.panelDescription':
    'Press a button below to open a ticket. This is the TicketByte demo: transcripts are ON here, so messages in ticket channels are stored (encrypted) and attached to the log when a ticket closes.',
} as const;

export type BotMessageKey = keyof typeof en;
