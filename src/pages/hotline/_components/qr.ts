import QRCode from 'qrcode';

/** Where the printed QR code points: the tip form on the public site. */
export function tipFormUrl(site: URL | undefined): string {
  return new URL('/hotline/#tip-form', site ?? 'http://localhost:4321').href;
}

/** The QR code as a standalone SVG document, black on white, ready for print. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
