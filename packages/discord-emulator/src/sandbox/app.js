// Sandbox: a minimal Discord-like view over the emulator's /control API (no build step, no external requests).
const api = async (method, path, body) => {
  const res = await fetch(`/control${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
};

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
};

const state = { seed: null, userId: null, guildId: null, channelId: null, version: -1, commands: [] };

function status(text, isError = false) {
  $('status').textContent = text;
  $('status').style.color = isError ? '#f23f43' : '';
}

function userName(id) {
  const u = state.seed.users.find((x) => x.id === id);
  return u ? u.globalName || u.username : id;
}

function renderText(text) {
  return text
    .replace(/<@!?(\d+)>/g, (_, id) => `@${userName(id)}`)
    .replace(
      /<@&(\d+)>/g,
      (_, id) => `@${state.seed.guilds.flatMap((g) => g.roles).find((r) => r.id === id)?.name ?? id}`,
    )
    .replace(
      /<#(\d+)>/g,
      (_, id) => `#${state.seed.guilds.flatMap((g) => g.channels).find((c) => c.id === id)?.name ?? id}`,
    );
}

async function loadSeed() {
  state.seed = await api('GET', '/seed');
  const picker = $('user-picker');
  picker.replaceChildren(
    ...state.seed.users
      .filter((u) => !u.bot)
      .map((u) => el('option', { value: u.id }, `${u.globalName || u.username} (@${u.username})`)),
  );
  state.userId = state.userId || picker.value;
  picker.value = state.userId;
  state.guildId = state.seed.guilds[0]?.id ?? null;
}

async function renderSidebar() {
  const nav = $('sidebar');
  const parts = [];
  for (const guild of state.seed.guilds) {
    if (!guild.members.some((m) => m.userId === state.userId)) continue;
    parts.push(el('h4', {}, guild.name));
    const channels = await api('GET', `/guilds/${guild.id}/channels?as=${state.userId}`);
    const categories = channels.filter((c) => c.type === 4);
    const text = channels.filter((c) => c.type !== 4);
    const button = (c) =>
      el(
        'button',
        { class: c.id === state.channelId ? 'active' : '', onclick: () => selectChannel(c.id, guild.id) },
        `# ${c.name}`,
      );
    parts.push(...text.filter((c) => !c.parent_id).map(button));
    for (const cat of categories) {
      const children = text.filter((c) => c.parent_id === cat.id);
      parts.push(el('h4', {}, cat.name), ...children.map(button));
    }
  }
  const dms = await api('GET', `/users/${state.userId}/dms`);
  if (dms.channel) {
    parts.push(el('h4', {}, 'Direct messages'));
    parts.push(
      el(
        'button',
        {
          class: dms.channel.id === state.channelId ? 'active' : '',
          onclick: () => selectChannel(dms.channel.id, null),
        },
        '@ TicketByte',
      ),
    );
  }
  nav.replaceChildren(...parts);
}

function renderEmbed(e) {
  const node = el('div', { class: 'embed' });
  if (typeof e.color === 'number') node.style.borderLeftColor = `#${e.color.toString(16).padStart(6, '0')}`;
  if (e.author?.name) node.append(el('div', { class: 'meta' }, e.author.name));
  if (e.title) node.append(el('h5', {}, renderText(e.title)));
  if (e.description) node.append(el('div', { class: 'content' }, renderText(e.description)));
  if (e.fields?.length) {
    node.append(
      el(
        'dl',
        {},
        e.fields.flatMap((f) => [el('dt', {}, f.name), el('dd', {}, renderText(f.value))]),
      ),
    );
  }
  if (e.footer?.text) node.append(el('div', { class: 'meta' }, e.footer.text));
  return node;
}

function renderComponent(c, message) {
  if (c.type === 1 || c.type === 17 || c.type === 9) {
    const inner = [...(c.components || []), ...(c.accessory ? [c.accessory] : [])];
    return el(
      'div',
      { class: c.type === 1 ? 'row' : 'embed' },
      inner.map((x) => renderComponent(x, message)),
    );
  }
  if (c.type === 10) return el('div', { class: 'content' }, renderText(c.content || ''));
  if (c.type === 2) {
    if (c.url)
      return el('a', { class: 'btn', href: c.url, target: '_blank', rel: 'noreferrer' }, c.label || 'Link');
    return el(
      'button',
      {
        class: `btn s${c.style}`,
        disabled: c.disabled,
        onclick: () => interact('button', { messageId: message.id, customId: c.custom_id }),
      },
      c.emoji?.name ? `${c.emoji.name} ` : '',
      c.label || '',
    );
  }
  if (c.type === 3) {
    const select = el(
      'select',
      {
        'aria-label': c.placeholder || 'Select',
        multiple: (c.max_values ?? 1) > 1,
        disabled: c.disabled,
        onchange: (ev) => {
          const values = [...ev.target.selectedOptions].map((o) => o.value).filter(Boolean);
          if (values.length) interact('select', { messageId: message.id, customId: c.custom_id, values });
        },
      },
      (c.max_values ?? 1) > 1 ? null : el('option', { value: '' }, c.placeholder || 'Choose…'),
      (c.options || []).map((o) => el('option', { value: o.value }, o.label)),
    );
    return select;
  }
  return el('span', { class: 'muted' }, `[component type ${c.type}]`);
}

function renderMessage(m) {
  const isBot = m.author.bot;
  const li = el('li', {});
  li.append(
    el(
      'div',
      {},
      el('span', { class: 'author' }, m.author.global_name || m.author.username),
      isBot ? el('span', { class: 'bot-tag' }, 'APP') : null,
      el(
        'span',
        { class: 'meta' },
        ` ${new Date(m.timestamp).toLocaleTimeString()}${m.edited_timestamp ? ' (edited)' : ''}`,
      ),
    ),
  );
  if (m.interaction_metadata?.name) {
    li.append(
      el(
        'div',
        { class: 'meta' },
        `${userName(m.interaction_metadata.user.id)} used /${m.interaction_metadata.name}`,
      ),
    );
  }
  if ((m.flags & 128) !== 0) li.append(el('div', { class: 'muted' }, 'TicketByte is thinking…'));
  if (m.content) li.append(el('div', { class: 'content' }, renderText(m.content)));
  for (const e of m.embeds || []) li.append(renderEmbed(e));
  for (const a of m.attachments || [])
    li.append(
      el('div', {}, '📎 ', el('a', { href: a.url, target: '_blank', rel: 'noreferrer' }, a.filename)),
    );
  for (const c of m.components || []) li.append(renderComponent(c, m));
  if ((m.flags & 64) !== 0) li.append(el('div', { class: 'ephemeral' }, 'Only you can see this'));
  return li;
}

async function renderMessages() {
  if (!state.channelId) return;
  const channel = await api('GET', `/channels/${state.channelId}`).catch(() => null);
  if (!channel) {
    state.channelId = null;
    $('channel-title').textContent = 'Channel deleted';
    $('messages').replaceChildren();
    return;
  }
  $('channel-title').textContent = channel.type === 1 ? '@ TicketByte' : `# ${channel.name}`;
  $('channel-topic').textContent = channel.topic || '';
  const messages = await api('GET', `/channels/${state.channelId}/messages?as=${state.userId}`);
  const list = $('messages');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
  list.replaceChildren(...messages.map(renderMessage));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function selectChannel(channelId, guildId) {
  state.channelId = channelId;
  state.guildId = guildId ?? state.guildId;
  await refresh();
}

async function refresh() {
  try {
    state.seed = await api('GET', '/seed');
    await renderSidebar();
    await renderMessages();
    state.commands = await api('GET', `/commands${state.guildId ? `?guildId=${state.guildId}` : ''}`);
    const globals = await api('GET', '/commands');
    const names = [...state.commands, ...globals].map((c) => `/${c.name}`);
    $('commands').textContent = names.length
      ? `Commands: ${[...new Set(names)].join(' ')}`
      : 'No commands registered yet (is the bot running?)';
  } catch (error) {
    status(error.message, true);
  }
}

async function awaitResponse(ix) {
  status('Waiting for the bot…');
  try {
    const record = await api('GET', `/interactions/${ix.id}/response?timeoutMs=5000`);
    const first = record.responses[0];
    status('');
    if (first?.modal) openModal(first.modal, record);
  } catch (error) {
    status(`No answer from the bot: ${error.message}`, true);
  }
}

async function interact(kind, extra) {
  try {
    const ix = await api('POST', `/interactions/${kind}`, {
      guildId: state.guildId ?? undefined,
      channelId: state.channelId,
      userId: state.userId,
      ...extra,
    });
    await awaitResponse(ix);
  } catch (error) {
    status(error.message, true);
  }
}

function modalInputs(components) {
  const fields = [];
  for (const c of components) {
    if (c.type === 1)
      for (const inner of c.components || []) fields.push({ label: inner.label, component: inner });
    else if (c.type === 18) fields.push({ label: c.label, component: c.component });
  }
  return fields;
}

function openModal(modal, record) {
  $('modal-title').textContent = modal.title;
  const inputs = modalInputs(modal.components);
  $('modal-fields').replaceChildren(
    ...inputs.flatMap(({ label, component: c }) => {
      const id = `field-${c.custom_id}`;
      let control;
      if (c.type === 4) {
        control =
          c.style === 2
            ? el('textarea', {
                id,
                name: c.custom_id,
                rows: 4,
                required: c.required !== false,
                placeholder: c.placeholder || '',
              })
            : el('input', {
                id,
                name: c.custom_id,
                required: c.required !== false,
                placeholder: c.placeholder || '',
              });
        if (c.value) control.value = c.value;
      } else {
        control = el(
          'select',
          { id, name: c.custom_id, multiple: (c.max_values ?? 1) > 1 },
          (c.options || []).map((o) => el('option', { value: o.value }, o.label)),
        );
      }
      return [el('label', { for: id }, label || c.custom_id), control];
    }),
  );
  const dialog = $('modal');
  const form = $('modal-form');
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const fields = {};
    for (const { component: c } of inputs) {
      const node = document.getElementById(`field-${c.custom_id}`);
      fields[c.custom_id] =
        node.tagName === 'SELECT' ? [...node.selectedOptions].map((o) => o.value) : node.value;
    }
    dialog.close();
    await interact('modal', {
      customId: modal.customId,
      fields,
      messageId: record.kind === 'slash' ? undefined : findSourceMessage(record),
    });
  };
  $('modal-cancel').onclick = () => dialog.close();
  dialog.showModal();
}

function findSourceMessage(record) {
  return record.responses[0]?.messageId ?? undefined;
}

/** Parses "/ticket open topic:"a b" member:@alice" against the registered command definitions. */
function parseSlash(text) {
  const tokens = text.slice(1).match(/(?:[^\s"]+:"[^"]*"|[^\s"]+:[^\s]*|"[^"]*"|\S+)/g) || [];
  const name = tokens.shift();
  const words = [];
  const options = {};
  for (const t of tokens) {
    const i = t.indexOf(':');
    if (i > 0) {
      let value = t.slice(i + 1).replace(/^"|"$/g, '');
      if (value.startsWith('@')) {
        const u = state.seed.users.find((x) => x.username === value.slice(1));
        const r = state.seed.guilds.flatMap((g) => g.roles).find((x) => x.name === value.slice(1));
        value = u?.id ?? r?.id ?? value;
      }
      options[t.slice(0, i)] = value;
    } else words.push(t);
  }
  const body = { name, options };
  if (words.length === 2) [body.subcommandGroup, body.subcommand] = words;
  else if (words.length === 1) [body.subcommand] = words;
  return body;
}

async function onSubmit(ev) {
  ev.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text || !state.channelId) return;
  input.value = '';
  try {
    if (text.startsWith('/')) {
      const ix = await api('POST', '/interactions/slash', {
        guildId: state.guildId ?? undefined,
        channelId: state.channelId,
        userId: state.userId,
        ...parseSlash(text),
      });
      await awaitResponse(ix);
    } else {
      await api('POST', '/messages', { channelId: state.channelId, userId: state.userId, content: text });
    }
  } catch (error) {
    status(error.message, true);
  }
}

async function watch() {
  for (;;) {
    try {
      const { version } = await api('GET', `/changes?since=${state.version}&timeoutMs=25000`);
      if (version !== state.version) {
        state.version = version;
        await refresh();
      }
    } catch {
      status('Emulator not reachable; retrying…', true);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function main() {
  await loadSeed();
  $('user-picker').addEventListener('change', async (ev) => {
    state.userId = ev.target.value;
    state.channelId = null;
    $('messages').replaceChildren();
    $('channel-title').textContent = 'Pick a channel';
    await refresh();
  });
  $('composer').addEventListener('submit', onSubmit);
  await refresh();
  watch();
}

main().catch((error) => status(error.message, true));
