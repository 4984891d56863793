"""Renderers: text, reasoning in prose, reports (md, html, pdf, docx, json), the rule book."""
