"""A minimal one-sentence-per-request translation server: the kind of server the pipeline replaces.

bin/benchmark-interactive runs it next to the pipeline, on the same model bundle, to compare the
two. It uses Debian's packages (python3-torch, python3-fastapi, python3-uvicorn,
python3-sentencepiece, libopenblas0-pthread), so run it with the system interpreter:

    /usr/bin/python3 naive_server.py --bundle models/de-en-starter/4 --beam 4 --port 8090

POST /translate {"text": "Ich habe Hunger."} answers {"translation": "I am hungry."}. Each request
is one call of the bundle's TorchScript translate method, with the arguments the Java engine
passes for a batch of one sentence. Two uvicorn processes (--workers), each model call on one
libtorch thread.
"""

import argparse
import json
import os
import unicodedata

# Before torch loads: OpenBLAS and OpenMP would otherwise start a thread per core in each process.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import sentencepiece  # noqa: E402
import torch  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from pydantic import BaseModel  # noqa: E402

BUNDLE = "NAIVE_SERVER_BUNDLE"
BEAM = "NAIVE_SERVER_BEAM"
LENGTH_PENALTY = "NAIVE_SERVER_LENGTH_PENALTY"


class TranslateRequest(BaseModel):
    text: str


class TranslateResponse(BaseModel):
    translation: str


class Translator:
    def __init__(self, bundle: str, beam: int, length_penalty: float):
        with open(os.path.join(bundle, "model.json")) as f:
            manifest = json.load(f)
        torch.set_num_threads(1)
        self.module = torch.jit.load(os.path.join(bundle, manifest["module"]), map_location="cpu")
        self.module.eval()
        self.pieces = sentencepiece.SentencePieceProcessor(
            model_file=os.path.join(bundle, manifest["sentencePiece"]))
        self.eos = manifest["tokens"]["eos"]
        self.max_source = manifest["maxSourceTokens"]
        self.max_target = manifest["maxTargetTokens"]
        self.beam = torch.tensor(beam, dtype=torch.long)
        self.length_penalty = torch.tensor(length_penalty, dtype=torch.float64)

    def translate(self, text: str) -> str:
        text = " ".join(unicodedata.normalize("NFC", text).split())
        if not text:
            return ""
        ids = self.pieces.encode(text)[: self.max_source - 1] + [self.eos]
        # As the engine: outputs capped at twice the source plus 10 pieces and at the model's limit.
        max_len = torch.tensor(min(self.max_target, 2 * len(ids) + 10), dtype=torch.long)
        with torch.inference_mode():
            tokens, _ = self.module.translate(
                torch.tensor([ids], dtype=torch.long), self.beam, max_len, self.length_penalty)
        output = []
        for token in tokens[0].tolist():
            if token == self.eos:
                break
            output.append(token)
        return self.pieces.decode(output)


app = FastAPI()
translator = None


@app.on_event("startup")
def load() -> None:
    global translator
    translator = Translator(os.environ[BUNDLE], int(os.environ[BEAM]), float(os.environ[LENGTH_PENALTY]))


@app.get("/health")
def health() -> dict:
    return {"ready": translator is not None}


# A plain def, the usual way: FastAPI runs it in its thread pool, and TorchScript releases the GIL
# while it decodes, so requests that land on the same process decode side by side and both cores
# stay busy however the kernel spreads the clients' connections over the two processes.
@app.post("/translate", response_model=TranslateResponse)
def translate(request: TranslateRequest) -> TranslateResponse:
    return TranslateResponse(translation=translator.translate(request.text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", default=os.environ.get(BUNDLE, "models/de-en-starter/4"))
    parser.add_argument("--beam", type=int, default=int(os.environ.get(BEAM, "4")), help="1 is greedy")
    parser.add_argument("--length-penalty", type=float, default=float(os.environ.get(LENGTH_PENALTY, "2.0")))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    # The worker processes read their settings from the environment they inherit.
    os.environ[BUNDLE] = os.path.abspath(args.bundle)
    os.environ[BEAM] = str(args.beam)
    os.environ[LENGTH_PENALTY] = str(args.length_penalty)
    import uvicorn

    uvicorn.run("naive_server:app", app_dir=os.path.dirname(os.path.abspath(__file__)),
                host=args.host, port=args.port, workers=args.workers, log_level="warning")


if __name__ == "__main__":
    main()
