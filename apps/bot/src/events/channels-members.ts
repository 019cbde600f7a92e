// A ticket channel deleted by hand closes its ticket; a member leaving may auto-close their open
// tickets (the guild's setting, applied by the router).
import type { DMChannel, GuildMember, NonThreadGuildBasedChannel, PartialGuildMember } from 'discord.js';
import { type BotDeps, SYSTEM } from '../lib/deps.js';
import type { NonTicketChannels } from './messages.js';

export function onChannelDelete(deps: BotDeps, skip: NonTicketChannels) {
  return (channel: DMChannel | NonThreadGuildBasedChannel): void => {
    if (channel.isDMBased()) return;
    skip.forget(channel.id);
    void deps.inflight.track(
      deps
        .caller(SYSTEM)
        .ticket.channelDeleted({ guildId: channel.guildId, channelId: channel.id })
        .then((r) => {
          if (r.closed)
            deps.log.info('bot.ticket.channelDeleted', { guildId: channel.guildId, channelId: channel.id });
        })
        .catch((error) =>
          deps.log.warn('bot.channel.delete.failed', {
            channelId: channel.id,
            error: (error as Error)?.name,
          }),
        ),
    );
  };
}

export function onMemberRemove(deps: BotDeps) {
  return (member: GuildMember | PartialGuildMember): void => {
    void deps.inflight.track(
      deps
        .caller(SYSTEM)
        .ticket.memberLeft({ guildId: member.guild.id, userId: member.id })
        .then((r) => {
          if (r.closed > 0) deps.log.info('bot.member.left', { guildId: member.guild.id, closed: r.closed });
        })
        .catch((error) =>
          deps.log.warn('bot.member.leave.failed', {
            guildId: member.guild.id,
            error: (error as Error)?.name,
          }),
        ),
    );
  };
}
