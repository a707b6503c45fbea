// Black-and-white TIFF, CCITT Group 4, as X9.100-181 wants it for check images: 1 bit per pixel,
// white is zero, the resolution in pixels per inch. libvips (sharp) writes it.
import sharp from 'sharp';

/** grey: one byte per pixel (0 black … 255 white), thresholded at the middle. */
export async function encodeG4(grey: Buffer, width: number, height: number, dpi: number): Promise<Buffer> {
  // The raw grey is declared 'b-w' so libvips hands libtiff 1-bit samples (Group 4 takes nothing else).
  return sharp(grey, { raw: { width, height, channels: 1 } })
    .threshold(128)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
}

/** An SVG drawn to grey pixels (white background), for encodeG4. */
export async function svgToGrey(svg: string, width: number, height: number): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 72 }).resize(width, height, { fit: 'fill' }).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
}
