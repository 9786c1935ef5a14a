import { describe, expect, it } from 'vitest';
import { encodeIdCardText, fictionalPhoto, gb11643CheckChar, idCardFixtures } from '@hall/fixtures/src/idcards.ts';
import { idCardSchema } from '@hall/common/agent';
import {
  SamFrameParser,
  buildCommand,
  buildReadData,
  buildResponse,
  parseReadData,
  parseResponse,
  type SamFrameEvent,
} from '../src/idcard/codec-frame.ts';
import { cardKind, decodeIdCardText } from '../src/idcard/codec-text.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ').toUpperCase();
const fromHex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

describe('SAM frames', () => {
  it('builds the command frames byte for byte as the reader manual lists them', () => {
    expect(hex(buildCommand('resetSam'))).toBe('AA AA AA 96 69 00 03 10 FF EC');
    expect(hex(buildCommand('samStatus'))).toBe('AA AA AA 96 69 00 03 11 FF ED');
    expect(hex(buildCommand('findCard'))).toBe('AA AA AA 96 69 00 03 20 01 22');
    expect(hex(buildCommand('selectCard'))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(hex(buildCommand('read'))).toBe('AA AA AA 96 69 00 03 30 01 32');
    expect(hex(buildCommand('readWithFingerprint'))).toBe('AA AA AA 96 69 00 03 30 10 23');
  });

  it('parses a find reply as "card found"', () => {
    const events = new SamFrameParser().push(fromHex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(events).toHaveLength(1);
    const response = parseResponse((events[0] as Extract<SamFrameEvent, { type: 'frame' }>).body);
    expect(response).toMatchObject({ sw3: 0x9f, status: 'cardFound' });
  });

  it('builds a 1,295-byte read reply with length 05 08 and reads its blocks back', () => {
    const text = encodeIdCardText(idCardFixtures.residentA);
    const photo = fictionalPhoto();
    const frame = buildResponse(0x90, buildReadData({ text, photo }));
    expect(frame.length).toBe(1295);
    expect(hex(frame.subarray(5, 7))).toBe('05 08');
    expect(hex(frame.subarray(10, 14))).toBe('01 00 04 00');
    const [event] = new SamFrameParser().push(frame);
    const response = parseResponse((event as Extract<SamFrameEvent, { type: 'frame' }>).body)!;
    const blocks = parseReadData(response.data, false)!;
    expect(Buffer.from(blocks.text).equals(Buffer.from(text))).toBe(true);
    expect(Buffer.from(blocks.photo).equals(Buffer.from(photo))).toBe(true);
  });

  it('puts the text at offset 16 when the fingerprint is read too', () => {
    const text = encodeIdCardText(idCardFixtures.residentB);
    const frame = buildResponse(0x90, buildReadData({ text, photo: fictionalPhoto(), fingerprint: new Uint8Array(1024).fill(7) }));
    expect(Buffer.from(frame.subarray(16, 16 + 256)).equals(Buffer.from(text))).toBe(true);
    const blocks = parseReadData(parseResponse(frame.subarray(7, -1))!.data, true)!;
    expect(blocks.fingerprint?.length).toBe(1024);
    expect(blocks.fingerprint?.[0]).toBe(7);
  });

  it('reads frames split anywhere, and finds them between garbage', () => {
    const find = buildResponse(0x9f, [0, 0, 0, 0]);
    const none = buildResponse(0x80, [0, 0, 0, 0]);
    const stream = new Uint8Array([0x00, 0xaa, 0xaa, 0x13, ...find, 0x96, 0x69, 0xaa, ...none, 0xaa, 0xaa]);
    for (const size of [1, 2, 3, 7, 64]) {
      const parser = new SamFrameParser();
      const frames: number[] = [];
      for (let i = 0; i < stream.length; i += size) {
        for (const e of parser.push(stream.subarray(i, i + size))) if (e.type === 'frame') frames.push(e.body[2]!);
      }
      expect(frames).toEqual([0x9f, 0x80]);
      expect(parser.bufferedBytes).toBeLessThanOrEqual(4);
    }
  });

  it('rejects a bad checksum and still finds the next good frame', () => {
    const bad = buildResponse(0x90, [1, 2, 3]);
    bad[bad.length - 1]! ^= 0x01;
    const good = buildResponse(0x9f, [0, 0, 0, 0]);
    const events = new SamFrameParser().push(new Uint8Array([...bad, ...good]));
    expect(events[0]).toMatchObject({ type: 'error', reason: 'checksum' });
    expect(events.filter((e) => e.type === 'frame').map((e) => (e.type === 'frame' ? e.body[2] : 0))).toEqual([0x9f]);
  });

  it('rejects impossible lengths instead of waiting forever for 64 KB', () => {
    const parser = new SamFrameParser();
    const events = parser.push(fromHex('AA AA AA 96 69 FF FF 00'));
    expect(events[0]).toMatchObject({ type: 'error', reason: 'length' });
    expect(parser.bufferedBytes).toBeLessThan(8);
  });

  it('names status codes and keeps unknown ones', () => {
    expect(parseResponse(Uint8Array.of(0, 0, 0x80))?.status).toBe('noCard');
    expect(parseResponse(Uint8Array.of(0, 0, 0x41))?.status).toBe('readFailed');
    expect(parseResponse(Uint8Array.of(0, 0, 0x66))?.status).toBe('samNotAuthorised');
    expect(parseResponse(Uint8Array.of(0, 0, 0x77))).toMatchObject({ status: 'unknown', sw3: 0x77 });
  });
});

describe('card text block', () => {
  it('fixtures carry valid GB 11643 check digits', () => {
    for (const card of [idCardFixtures.residentA, idCardFixtures.residentB, idCardFixtures.permitHk]) {
      expect(card.idNumber.slice(17)).toBe(gb11643CheckChar(card.idNumber.slice(0, 17)));
    }
  });

  it('decodes a resident card', () => {
    const card = decodeIdCardText(encodeIdCardText(idCardFixtures.residentA), fictionalPhoto());
    expect(card).toEqual({
      cardType: 'resident',
      name: '测试甲',
      gender: { code: '1', name: '男' },
      nation: { code: '01', name: '汉' },
      birthDate: '1990-03-07',
      address: '北京市东城区测试路1号院2号楼3单元401室',
      idNumber: '110101199003070011',
      issuingAuthority: '北京市公安局东城分局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
      photoWltBase64: Buffer.from(fictionalPhoto()).toString('base64'),
    });
    expect(idCardSchema.safeParse(card).success).toBe(true);
  });

  it('reads 长期 as no expiry and names the nation', () => {
    const card = decodeIdCardText(encodeIdCardText(idCardFixtures.residentB));
    expect(card).toMatchObject({ cardType: 'resident', validTo: null, nation: { code: '05', name: '维吾尔' }, gender: { code: '2', name: '女' } });
  });

  it('keeps unknown nation and gender codes raw', () => {
    const card = decodeIdCardText(encodeIdCardText({ ...idCardFixtures.residentA, nationCode: '77', genderCode: '5' }));
    expect(card).toMatchObject({ nation: { code: '77', name: null }, gender: { code: '5', name: null } });
  });

  it('decodes a Hong Kong / Macao / Taiwan residence permit, with or without its type flag', () => {
    const text = encodeIdCardText(idCardFixtures.permitHk);
    const expected = { cardType: 'hkMacaoTaiwanPermit', name: '测试丙', idNumber: '81000019921120003X', passNumber: 'H60000001', issueCount: '01' };
    expect(decodeIdCardText(text)).toMatchObject(expected);
    const unflagged = text.slice();
    unflagged[248] = 0x20;
    expect(cardKind(unflagged)).toBe('hkMacaoTaiwanPermit');
    expect(decodeIdCardText(unflagged)).toMatchObject(expected);
  });

  it("decodes the 2017 foreigner's card ('I')", () => {
    const card = decodeIdCardText(encodeIdCardText(idCardFixtures.foreigner2017));
    expect(card).toMatchObject({
      cardType: 'foreigner2017',
      englishName: 'SPECIMEN, ALPHA',
      chineseName: '测试丁',
      cardNumber: 'UTO110880101017',
      nationality: 'UTO',
      birthDate: '1988-01-01',
      version: '01',
      authorityCode: '1500',
      gender: { code: '2', name: '女' },
    });
  });

  it("decodes the 2023 foreigner's card ('Y'), joining the two parts of the English name", () => {
    const card = decodeIdCardText(encodeIdCardText(idCardFixtures.foreigner2023));
    expect(card).toMatchObject({
      cardType: 'foreigner2023',
      chineseName: '测试戊',
      englishName: 'SPECIMEN, BRAVO CHARLIE DELTA ECHO FOX',
      cardNumber: '911120011990010101',
      nationality: 'UTO',
      renewalCount: '00',
      validTo: '2033-12-01',
    });
  });
});
