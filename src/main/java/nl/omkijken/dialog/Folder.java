package nl.omkijken.dialog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Interrupts;

/**
 * Everything read from a dialogs folder, for the checks that look across files.
 *
 * @param files          every dialog file that could be read, in path order
 * @param dialogs        dialogs by id; with a duplicate id the first file wins
 * @param interrupts     the interrupts, or null when interrupts.yaml is missing or unusable
 * @param interruptsFile the path of interrupts.yaml, relative to the folder
 * @param intents        every intent defined in nlu/intents, plus out_of_scope
 * @param unparsed       dialog files that could not be parsed, so the dialogs they define are unknown
 */
record Folder(List<DialogFile> files, Map<String, DialogFile> dialogs, Interrupts interrupts,
              String interruptsFile, Set<String> intents, List<String> unparsed) {}
