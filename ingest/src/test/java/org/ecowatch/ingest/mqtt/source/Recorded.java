package org.ecowatch.ingest.mqtt.source;

/** A message as a test job saw it: which source subtask emitted it, on which topic, with what payload. */
record Recorded(int subtask, String topic, String payload) {}
