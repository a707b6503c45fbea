// The part of utif (a TIFF decoder, no types of its own) that CivicTill uses: read the IFDs, decode one.
declare module 'utif' {
  export interface Ifd {
    width: number;
    height: number;
    /** After decodeImage: the pixels as stored (1 bit per pixel for a bilevel image, rows byte-aligned). */
    data: Uint8Array;
    [tag: `t${number}`]: number[] | string[] | undefined;
  }
  export function decode(buf: Uint8Array | ArrayBuffer): Ifd[];
  export function decodeImage(buf: Uint8Array | ArrayBuffer, ifd: Ifd): void;
  const UTIF: { decode: typeof decode; decodeImage: typeof decodeImage };
  export default UTIF;
}
