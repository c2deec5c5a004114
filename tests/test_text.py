from trucewatch.text import normalize


def test_normalised_copy_maps_back_to_the_original():
    original = "  “Hostages,”\u00a0he  said —\n\nfreed."
    norm = normalize(original)
    assert norm.text == '"Hostages," he said - freed.'
    start = norm.text.index("Hostages")
    s, e = norm.original_span(start, start + len("Hostages"))
    assert original[s:e] == "Hostages"
    s, e = norm.original_span(norm.text.index("said"), len(norm.text))
    assert original[s:e] == "said —\n\nfreed."


def test_empty_span_maps_to_a_point():
    norm = normalize("a b")
    assert norm.original_span(1, 1) == (1, 1)
    assert norm.original_span(3, 3) == (3, 3)
