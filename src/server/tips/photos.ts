import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { t } from '../../i18n/t.ts';
import { TIP_LIMITS } from '../config.ts';

/**
 * Whether this sharp build can decode HEIC. The prebuilt libvips ships libheif
 * with the AV1 decoder only (AVIF), not HEVC, so iPhone HEIC photos cannot be
 * read; the form says so and such files are refused with a clear message.
 */
export const HEIC_SUPPORTED: boolean = (sharp.format.heif.input.fileSuffix ?? []).includes('.heic');

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** A photo ready to store: re-encoded JPEG bytes without any metadata. */
export interface CleanPhoto {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Checks one uploaded file by its bytes (never its name or declared type) and
 * re-encodes it: autoOrient applies then drops the EXIF orientation, and
 * sharp writes no metadata, so camera details and GPS position are gone.
 * Returns a Chinese message instead when the file is not an acceptable photo.
 */
export async function cleanPhoto(file: File): Promise<CleanPhoto | { error: string }> {
  const name = file.name || 'photo';
  if (file.size > TIP_LIMITS.photoBytesMax) return { error: t('hotline.err.photoSize', { name }) };
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = await fileTypeFromBuffer(bytes);
  const mime = type?.mime ?? '';
  const isHeic = mime === 'image/heic' || mime === 'image/heif' || mime === 'image/heic-sequence';
  if (isHeic && !HEIC_SUPPORTED) return { error: t('hotline.err.photoHeic', { name }) };
  if (!ACCEPTED.has(mime) && !(isHeic && HEIC_SUPPORTED))
    return { error: t('hotline.err.photoType', { name }) };
  try {
    const { data, info } = await sharp(bytes, {
      limitInputPixels: TIP_LIMITS.photoPixelsMax,
      failOn: 'error',
    })
      .autoOrient()
      .resize({
        width: TIP_LIMITS.photoEdgeMax,
        height: TIP_LIMITS.photoEdgeMax,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return { error: t('hotline.err.photoBroken', { name }) };
  }
}

/** Where photos live: DATA_DIR/photos, readable by the server user only. */
export function photosDir(dataDir: string): string {
  const dir = join(dataDir, 'photos');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A new unguessable file name; the reader's file name is never used. */
export function newPhotoName(): string {
  return `${randomBytes(16).toString('hex')}.jpg`;
}

/** Writes a file and fsyncs it and its folder, so a photo of an acknowledged tip survives a crash. */
export function writeDurable(dir: string, name: string, data: Buffer): void {
  const fd = openSync(join(dir, name), 'wx', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** Removes photo files; missing files are fine (already gone). */
export function removePhotos(dir: string, names: readonly string[]): void {
  for (const name of names) rmSync(join(dir, name), { force: true });
}

/**
 * Deletes files that no tip refers to (left by a crash between writing the
 * photos and committing the tip). Files younger than a minute may belong to a
 * tip being saved right now, so they stay.
 */
export function removeOrphans(dir: string, known: ReadonlySet<string>, now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (known.has(name)) continue;
    const age = now - statSync(join(dir, name)).mtimeMs;
    if (age < 60_000) continue;
    rmSync(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
