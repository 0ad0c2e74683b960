// `TextDecoder` is a web-platform global that Node and every browser provide; core declares
// the little it uses instead of pulling in the DOM or Node typings (it must depend on neither).
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
