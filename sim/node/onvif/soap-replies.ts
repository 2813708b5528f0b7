// The SOAP 1.2 bodies a simulated ONVIF device answers with (ONVIF Core and Media 1.0 WSDLs).
import { xmlEscape as x } from '../../../common/xml-text.js';

const NS = [
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope"',
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"',
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"',
  'xmlns:tt="http://www.onvif.org/ver10/schema"',
  'xmlns:ter="http://www.onvif.org/ver10/error"',
].join(' ');

export interface SimOnvifProfile {
  token: string;
  name: string;
  encoding: 'H264' | 'H265';
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  /** GOP length in frames. */
  govLength: number;
  rtspUrl: string;
}

export interface SimDeviceInfo {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
}

export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope ${NS}><s:Body>${body}</s:Body></s:Envelope>`;
}

/** A SOAP fault; `subcode` is an ONVIF error subcode such as "ter:NotAuthorized". */
export function fault(code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  return envelope(
    `<s:Fault><s:Code><s:Value>s:${code}</s:Value><s:Subcode><s:Value>${subcode}</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${x(reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

export function systemDateAndTime(now: Date): string {
  const time = `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>`;
  const date = `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>`;
  return envelope(
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>' +
      `<tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime>${time}${date}</tt:UTCDateTime>` +
      '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>',
  );
}

export function capabilities(deviceUrl: string, mediaUrl: string): string {
  return envelope(
    '<tds:GetCapabilitiesResponse><tds:Capabilities>' +
      `<tt:Device><tt:XAddr>${x(deviceUrl)}</tt:XAddr></tt:Device>` +
      `<tt:Media><tt:XAddr>${x(mediaUrl)}</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
      '<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>' +
      '</tds:Capabilities></tds:GetCapabilitiesResponse>',
  );
}

export function deviceInformation(info: SimDeviceInfo): string {
  return envelope(
    '<tds:GetDeviceInformationResponse>' +
      `<tds:Manufacturer>${x(info.manufacturer)}</tds:Manufacturer><tds:Model>${x(info.model)}</tds:Model>` +
      `<tds:FirmwareVersion>${x(info.firmwareVersion)}</tds:FirmwareVersion><tds:SerialNumber>${x(info.serialNumber)}</tds:SerialNumber>` +
      `<tds:HardwareId>${x(info.model)}</tds:HardwareId></tds:GetDeviceInformationResponse>`,
  );
}

function profile(p: SimOnvifProfile, index: number): string {
  const encoderExtra =
    p.encoding === 'H264' ? `<tt:H264><tt:GovLength>${p.govLength}</tt:GovLength><tt:H264Profile>Baseline</tt:H264Profile></tt:H264>` : '';
  return (
    `<trt:Profiles token="${x(p.token)}" fixed="true"><tt:Name>${x(p.name)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="vsc0"><tt:Name>source</tt:Name><tt:UseCount>${index + 1}</tt:UseCount>` +
    `<tt:SourceToken>vs0</tt:SourceToken><tt:Bounds x="0" y="0" width="${p.width}" height="${p.height}"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="vec${index}"><tt:Name>encoder${index}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${p.encoding}</tt:Encoding><tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${p.bitrateKbps}</tt:BitrateLimit></tt:RateControl>${encoderExtra}` +
    '<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration></trt:Profiles>'
  );
}

export function profiles(list: readonly SimOnvifProfile[]): string {
  return envelope(`<trt:GetProfilesResponse>${list.map(profile).join('')}</trt:GetProfilesResponse>`);
}

export function streamUri(uri: string): string {
  return envelope(
    `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${x(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
      '<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>',
  );
}
