package org.solidscope.app.server;

/** The OpenAPI 3 description of the server's API, served at {@code /api/openapi.json}. */
final class OpenApi {
    private OpenApi() {}

    static final String JSON = """
            {"openapi": "3.0.3",
             "info": {"title": "SolidScope", "version": "1", "description": "The record of solid-state cells: lots, cells, stages, measurements, analyses, defects, verdicts. Writes need a bearer token; reads too unless the server listens on loopback only."},
             "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
               "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "string"}, "detail": {"type": "string"}}}}},
             "paths": {
              "/api/lots": {"get": {"summary": "Lots with their number of cells", "responses": {"200": {"description": "array of {lot, created_utc, cells}"}}}},
              "/api/lots/{lot}/cells": {"get": {"summary": "Cells of a lot with current verdicts, paged",
                 "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}},
                   {"name": "verdict", "in": "query", "schema": {"type": "string", "enum": ["PASS", "REVIEW", "FAIL"]}},
                   {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                   {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
                 "responses": {"200": {"description": "{lot, total, page, size, items: [{cell, verdict, stages}]}"}, "404": {"description": "unknown lot"}}}},
              "/api/lots/{lot}/yield": {"get": {"summary": "The lot's cells by their verdict from every modality: counts, yield (PASS / cells judged), and per modality", "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "cells, verdicts, yield, modalities"}, "404": {"description": "no such lot"}}}},
              "/api/lots/{lot}/correlate": {"get": {"summary": "Pearson and Spearman of two variables METRIC@STATE over the lot's cells, p-values, bootstrap 95 % intervals (2000 resamples, seed 1), the points", "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "x", "in": "query", "required": true, "schema": {"type": "string"}}, {"name": "y", "in": "query", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "x, y, n, pearson, spearman, bootstrap, cells, points"}, "400": {"description": "a variable not stored, or fewer than 3 cells with both"}, "404": {"description": "no such lot"}}}},
              "/api/lots/{lot}/correlate.png": {"get": {"summary": "The scatter plot of the same", "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "x", "in": "query", "required": true, "schema": {"type": "string"}}, {"name": "y", "in": "query", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "PNG"}, "400": {"description": "as above"}}}},
              "/api/lots/{lot}/correlations": {"get": {"summary": "Every pair of variables of different modalities (all_pairs=true: of any), ranked by Spearman's Benjamini-Hochberg q; bootstrap intervals for the top pairs", "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "top", "in": "query", "schema": {"type": "integer"}}, {"name": "all_pairs", "in": "query", "schema": {"type": "boolean"}}], "responses": {"200": {"description": "lot, cells, variables, pairs, ranked"}, "404": {"description": "no such lot"}}}},
              "/api/lots/{lot}/stats": {"get": {"summary": "Yield per stage, metric distributions, control limits mean ± 3σ", "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "array of stage statistics"}, "404": {"description": "unknown lot"}}}},
              "/api/line/{metric}": {"get": {"summary": "The line's history of a metric as fleet stats --store computed it: per group (lot, week, or all), state: n, mean, std, percentiles, control limits, yield", "parameters": [{"name": "metric", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "array of rows (empty when no fleet statistics are stored)"}, "400": {"description": "not a metric name"}}}},
              "/api/lots/{lot}/measurements": {"get": {"summary": "One row per measurement with its current analysis (the export columns)", "parameters": [{"name": "lot", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "array of rows"}, "404": {"description": "unknown lot"}}}},
              "/api/cells/{id}": {"get": {"summary": "A cell: stages, measurements, every analysis, current defects, provenance", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "cell"}, "404": {"description": "unknown cell"}}}},
              "/api/measurements/{id}/map.png": {"get": {"summary": "Gain-corrected level map as PNG with colour bar, mm axes and defects circled",
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}, {"name": "lo", "in": "query", "schema": {"type": "number"}}, {"name": "hi", "in": "query", "schema": {"type": "number"}}, {"name": "width", "in": "query", "schema": {"type": "integer"}}],
                 "responses": {"200": {"description": "image/png"}, "404": {"description": "unknown measurement"}}}},
              "/api/cells/{id}/comparison.png": {"get": {"summary": "Solidification degree or formation recovery map of a cell (its first scan per stage, registered), PNG",
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["degree", "recovery"]}}, {"name": "width", "in": "query", "schema": {"type": "integer"}}],
                 "responses": {"200": {"description": "image/png"}, "404": {"description": "unknown cell, or a stage missing"}}}},
              "/api/measurements/{id}/arrays/{file}": {"get": {"summary": "A stored array of the measurement's current analysis: NAME.npy (as stored), NAME.png (heat map or slice), NAME.json (rows of values, at most 100,000; e.g. an impedance spectrum [3, N]: frequency Hz, Z' Ohm, Z'' Ohm)", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}, {"name": "file", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "the array"}, "400": {"description": "bad name"}, "404": {"description": "unknown measurement or array"}}}},
              "/api/measurements/{id}/map.npy": {"get": {"summary": "The level map as float32 .npy (dB)", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}], "responses": {"200": {"description": "application/octet-stream"}, "404": {"description": "unknown measurement"}}}},
              "/api/scans": {"post": {"summary": "Upload a scan (multipart: scan, optional sidecar, lot); analysed and stored like ingest", "security": [{"bearer": []}],
                 "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"scan": {"type": "string", "format": "binary"}, "sidecar": {"type": "string", "format": "binary"}, "lot": {"type": "string"}}}}}},
                 "responses": {"201": {"description": "stored"}, "200": {"description": "already present"}, "400": {"description": "malformed scan: nothing stored"}, "409": {"description": "these bytes are stored already as another cell or state: nothing stored"}, "401": {"description": "no valid token"}, "413": {"description": "larger than 64 MiB"}, "422": {"description": "the analysis took longer than the upload's time budget (serve --upload-seconds): nothing stored"}, "503": {"description": "the upload queue is full: send again later"}}}}
             }}
            """;
}
