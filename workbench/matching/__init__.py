"""Cross-lingual claim matching: the same claim in other articles and languages, ranked for a person to confirm.

- encoder.py: the sentence-encoder interface and its one implementation (optional extra `matching`);
- quantities.py and signals.py: figures, negation, direction and names, which decide where a cosine cannot;
- index.py: exact search over int8 vectors, the store's future home for claim embeddings;
- matcher.py: ranking and the stricter rule for suggesting a pair; claims_file.py: `workbench match` input.
"""

from .claims_file import read_claims
from .encoder import Encoder, MatchingUnavailable, enabled, load_encoder
from .index import VectorIndex, quantise
from .matcher import Claim, Comparison, Matcher, Prepared
from .quantities import Quantity, extract_quantities, quantities_agree

__all__ = [
    "Claim",
    "Comparison",
    "Encoder",
    "Matcher",
    "MatchingUnavailable",
    "Prepared",
    "Quantity",
    "VectorIndex",
    "enabled",
    "extract_quantities",
    "load_encoder",
    "quantise",
    "quantities_agree",
    "read_claims",
]
