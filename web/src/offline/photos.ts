// Photos from the phone camera are often 4–12 MB. Before they go into the outbox, large ones are scaled down to
// at most 2560 px on the long side as JPEG (orientation applied), which keeps the queue small on the device and
// the upload short on a weak connection. Small images and anything the browser cannot decode are kept as taken.

const MAX_EDGE = 2560;
const MAX_BYTES_AS_IS = 2.5 * 1024 * 1024;

export interface PreparedPhoto {
  blob: Blob;
  filename: string;
  mediaType: string;
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^.]+$/, '') || 'photo';
  return `${base}.jpg`;
}

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const asIs: PreparedPhoto = { blob: file, filename: file.name || `photo-${Date.now()}.jpg`, mediaType: file.type || 'application/octet-stream' };
  if (!file.type.startsWith('image/') || file.size <= MAX_BYTES_AS_IS || typeof createImageBitmap !== 'function') return asIs;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const w = Math.round(bitmap.width * scale);
    const h = Math.round(bitmap.height * scale);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) return asIs;
    g.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return asIs;
    return { blob, filename: jpegName(asIs.filename), mediaType: 'image/jpeg' };
  } catch {
    return asIs;
  }
}
