// OpenAPI request validation: invalid path parameters, queries, JSON and multipart bodies are refused with
// Discord's 400/50035 naming the field, recorded without content, and reported per operation.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordAPIError, REST } from '@discordjs/rest';
import {
  ButtonStyle,
  ComponentType,
  OverwriteType,
  PermissionFlagsBits as P,
  Routes,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertConformingTraffic,
  DEMO,
  type Emulator,
  mergeTrafficReports,
  OPENAPI_REPORT_ENV,
  startEmulator,
} from '../src/index';

let emu: Emulator;
let rest: REST;
const bot = { authorization: `Bot ${DEMO.botToken}` };

beforeAll(async () => {
  emu = await startEmulator({ validateRequests: 'enforce', interactionResponseWindowMs: 0 });
  rest = new REST({ api: emu.restUrl, retries: 0 }).setToken(DEMO.botToken);
});
afterAll(() => emu?.close());

async function refusal(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('expected the emulator to refuse the request');
}

const messages = Routes.channelMessages(DEMO.channels.general);

describe('enforce mode', () => {
  it('refuses a body field over its length with 50035 naming the field, and records it without content', async () => {
    emu.openapi.reset();
    const secret = `secret-title-${'x'.repeat(300)}`;
    const error = await refusal(rest.post(messages, { body: { embeds: [{ title: secret }] } }));
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect(error.rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        embeds: {
          0: {
            title: {
              _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }],
            },
          },
        },
      },
    });
    const [invalid, ...more] = emu.openapi.takeInvalidRequests();
    expect(more).toEqual([]);
    expect(invalid).toMatchObject({
      method: 'POST',
      path: `/channels/${DEMO.channels.general}/messages`,
      operationId: 'create_message',
      template: '/channels/{channel_id}/messages',
      refused: true,
      issues: [
        {
          location: 'body',
          field: 'embeds.0.title',
          code: 'BASE_TYPE_MAX_LENGTH',
          message: 'Must be 256 or fewer in length.',
        },
      ],
    });
    expect(invalid?.schemaErrors.length).toBeGreaterThan(0);
    expect(JSON.stringify(emu.openapi.report())).not.toContain('secret-title');
    expect(emu.inspect.messages(DEMO.channels.general).some((m) => m.embeds[0]?.title === secret)).toBe(
      false,
    );
  });

  it('names a bad path parameter and a query value out of range as Discord does', async () => {
    const badId = await fetch(`${emu.restUrl}/v10/channels/not-a-number`, { headers: bot });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        channel_id: {
          _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value "not-a-number" is not snowflake.' }],
        },
      },
    });
    const tooMany = await fetch(`${emu.restUrl}/v10${messages}?limit=101`, { headers: bot });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({
      errors: {
        limit: {
          _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' }],
        },
      },
    });
    // Just inside: 100 is allowed.
    expect((await fetch(`${emu.restUrl}/v10${messages}?limit=100`, { headers: bot })).status).toBe(200);
    emu.openapi.takeInvalidRequests();
  });

  it('follows a component union by its type: the failing field of the button, or the unknown type', async () => {
    const longLabel = await refusal(
      rest.post(messages, {
        body: {
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.Button,
                  style: ButtonStyle.Primary,
                  custom_id: 'a',
                  label: 'l'.repeat(81),
                },
              ],
            },
          ],
        },
      }),
    );
    expect(longLabel.rawError).toMatchObject({
      errors: {
        components: {
          0: {
            components: {
              0: {
                label: {
                  _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 80 or fewer in length.' }],
                },
              },
            },
          },
        },
      },
    });
    const unknownType = await refusal(
      rest.post(messages, {
        body: { components: [{ type: 1, components: [{ type: 99, custom_id: 'a' }] }] },
      }),
    );
    const tree = unknownType.rawError as { errors: Record<string, unknown> };
    expect(JSON.stringify(tree.errors)).toContain('UNION_TYPE_CHOICES');
    expect(tree.errors).toHaveProperty(['components', '0', 'components', '0', 'type', '_errors']);
    emu.openapi.takeInvalidRequests();
  });

  it('checks the payload_json of a multipart upload', async () => {
    const error = await refusal(
      rest.post(messages, {
        body: { content: 'see file', embeds: [{ description: 'd'.repeat(4097) }] },
        files: [{ name: 'transcript.txt', data: Buffer.from('hello') }],
      }),
    );
    expect(error.rawError).toMatchObject({
      errors: { embeds: { 0: { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
    const ok = await rest.post(messages, {
      body: { content: 'see file' },
      files: [{ name: 'transcript.txt', data: Buffer.from('hello') }],
    });
    expect(ok).toMatchObject({ content: 'see file' });
    const [invalid] = emu.openapi.takeInvalidRequests();
    expect(invalid?.issues).toEqual([
      {
        location: 'body',
        field: 'embeds.0.description',
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 4096 or fewer in length.',
      },
    ]);
  });

  it('refuses a body sent with a content type the operation does not take', async () => {
    const res = await fetch(`${emu.restUrl}/v10${messages}`, {
      method: 'POST',
      headers: { ...bot, 'content-type': 'text/plain' },
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        _errors: [
          {
            code: 'CONTENT_TYPE_INVALID',
            message: `Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.`,
          },
        ],
      },
    });
    emu.openapi.takeInvalidRequests();
  });

  it('accepts what discord.js sends: permission bit sets as strings, reasons, multipart files', async () => {
    await rest.put(Routes.channelPermission(DEMO.channels.general, DEMO.users.bob), {
      body: { type: OverwriteType.Member, allow: String(P.ViewChannel | P.SendMessages), deny: '0' },
      reason: 'ticket opened',
    });
    await rest.delete(Routes.channelPermission(DEMO.channels.general, DEMO.users.bob));
    expect(() => assertConformingTraffic(emu)).not.toThrow();
  });

  it('counts each operation called, and the requests no operation describes', async () => {
    emu.openapi.reset();
    await rest.get(Routes.channel(DEMO.channels.general));
    await rest.get(Routes.channel(DEMO.channels.support));
    await rest.get(Routes.user('@me'));
    await fetch(`${emu.restUrl}/v10/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=nope',
    });
    const report = emu.openapi.report();
    expect(report.mode).toBe('enforce');
    expect(report.described).toBe(242);
    expect(report.operations.map((o) => [o.operationId, o.calls])).toEqual([
      ['get_channel', 2],
      ['get_my_user', 1],
    ]);
    expect(report.undescribed).toEqual([{ method: 'POST', path: '/oauth2/token', calls: 1 }]);
    expect(report.invalid).toEqual([]);
    expect(report.cost?.compiled).toBeGreaterThan(0);
  });
});

describe('record mode and the conformance assertion', () => {
  let recording: Emulator;
  beforeAll(async () => {
    recording = await startEmulator({ validateRequests: 'record' });
  });
  afterAll(() => recording?.close());

  it('lets an invalid request through but reports it once, naming operation and field', async () => {
    const res = await fetch(`${recording.restUrl}/v10/channels/${DEMO.channels.general}/messages`, {
      method: 'POST',
      headers: { ...bot, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hello', embeds: [{ title: 't'.repeat(257) }] }),
    });
    // Not refused by the description check (the route's own limit answers instead).
    expect(res.status).not.toBe(500);
    expect(() => assertConformingTraffic(recording)).toThrow(
      /POST \/channels\/\d+\/messages \(create_message\): body embeds\.0\.title: BASE_TYPE_MAX_LENGTH Must be 256 or fewer in length\./,
    );
    expect(() => assertConformingTraffic(recording)).not.toThrow();
  });

  it('redacts interaction tokens from recorded paths', async () => {
    await fetch(`${recording.restUrl}/v10/interactions/123/tok-secret-value/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 42 }),
    });
    const [invalid] = recording.openapi.takeInvalidRequests();
    expect(invalid?.path).toBe('/interactions/123/{interaction_token}/callback');
    expect(JSON.stringify(invalid)).not.toContain('tok-secret-value');
  });

  it('refuses to vouch for an emulator that does not validate', async () => {
    const off = await startEmulator();
    try {
      expect(off.openapi.mode).toBe('off');
      expect(() => assertConformingTraffic(off)).toThrow(/validation is off/);
    } finally {
      await off.close();
    }
  });
});

describe('report files', () => {
  it(`writes one file per emulator into ${OPENAPI_REPORT_ENV} and merges them`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-openapi-report-'));
    const before = process.env[OPENAPI_REPORT_ENV];
    process.env[OPENAPI_REPORT_ENV] = dir;
    try {
      for (const channel of [DEMO.channels.general, DEMO.channels.support]) {
        const e = await startEmulator({ validateRequests: 'record' });
        const r = new REST({ api: e.restUrl, retries: 0 }).setToken(DEMO.botToken);
        await r.get(Routes.channel(channel));
        await fetch(`${e.restUrl}/v10/channels/x`, { headers: bot });
        await e.close();
      }
      expect(readdirSync(dir)).toHaveLength(2);
      const merged = mergeTrafficReports(dir);
      expect(merged.files).toBe(2);
      expect(merged.operations).toEqual([
        {
          operationId: 'get_channel',
          method: 'GET',
          template: '/channels/{channel_id}',
          calls: 4,
          invalid: 2,
        },
      ]);
      expect(merged.violations).toEqual([
        {
          operationId: 'get_channel',
          method: 'GET',
          template: '/channels/{channel_id}',
          issues: ['path channel_id: NUMBER_TYPE_COERCE Value is not snowflake.'],
          count: 2,
        },
      ]);
    } finally {
      if (before === undefined) delete process.env[OPENAPI_REPORT_ENV];
      else process.env[OPENAPI_REPORT_ENV] = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
