# Sanad's interface in English. Every key here must exist in ../ar/sanad.ftl with the same
# $variables (tests/i18n.rs). Counts are numbers, so plural forms follow CLDR.

## Months (dates are stored in UTC and shown as "day month year, time UTC")
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-time = { $day } { $month } { $year }, { $time } UTC

## Menus
menu-file = File
menu-edit = Edit
menu-help = Help
menu-open-folder = Open folder…
menu-open-project = Open project…
menu-export = Export…
menu-import-annotations = Import annotations…
menu-import-annotations-hover = brat, doccano, Label Studio, WebAnno TSV, CoNLL or Sanad JSONL files; one undo step
menu-merge-projects = Merge projects…
menu-merge-projects-hover = Bring an annotator's project into this one (documents matched by their text; each annotation kept as that annotator's); one undo step
menu-apply-gazetteer = Apply gazetteer…
menu-apply-gazetteer-hover = A list of known names (CSV, TSV or RON): suggests them wherever they occur; one undo step
menu-include-history = Include history in exports
menu-save-copy = Save a copy…
menu-save-copy-hover = A consistent copy of the whole project, safe while you work
menu-quit = Quit
menu-undo = Undo
menu-redo = Redo
menu-delete-annotation = Delete annotation
menu-add-relation = Add relation…
menu-settings = Settings…
menu-shortcuts = Keyboard shortcuts

## Status bar
status-importing = importing { $done }/{ $total }
status-project = Project: { $path }
status-documents = { $n ->
    [one] { $n } document
   *[other] { $n } documents
}: { $todo } to do · { $progress } in progress · { $done } done
status-annotator-unset = Annotator: not set yet
status-annotator = Annotator: { $name }
status-no-project = No project open
status-selected = Selected { $range }:
selection-readout = { $n ->
    [one] { $n } char
   *[other] { $n } chars
} · [{ $start }, { $end })
selected-text-a11y = Selected text { $text }

## Document statuses
doc-status-todo = To do
doc-status-in-progress = In progress
doc-status-done = Done

## Document list
documents-heading = Documents
documents-shown = shown
documents-all = All
documents-override = ⚠ override
documents-undrawable = ⚠ { $n ->
    [one] { $n } character cannot be displayed
   *[other] { $n } characters cannot be displayed
}
documents-override-hover = Holds a directional override (U+202D/U+202E): it can display differently from what it says.
documents-none-with-status = No document is “{ $status }” ({ $n } in all). Set “shown” to All.
report-not-imported = Not imported from { $from }:
report-missing = { $name } — no longer in the folder; the imported copy was kept
report-changed = { $name } — changed on disk since import; the imported text and its annotations were kept
report-sample = sample corpus
unresolved-add = Add them to the scheme and import
unresolved-skip = Import without those annotations
annotations-from = Annotations from { $from }:

## Inspector
inspector-labels = Labels
inspector-annotations = Annotations
inspector-no-document = No document open.
inspector-none-yet = None yet: drag across the text, then press 1–4 or click a label.
inspector-range-hover = [{ $start }, { $end }) in chars
inspector-line = l.{ $line }
inspector-line-hover = Line { $line } of the document
inspector-annotation-a11y = Annotation { $label } { $text }
inspector-click-highlight = Click a highlight to see and edit its attributes, note, entity and relations.
inspector-selected-text-a11y = Selected annotation text
inspector-start-minus = Start -1
inspector-start-plus = Start +1
inspector-end-minus = End -1
inspector-end-plus = End +1
inspector-not-in-scheme = { $name }: { $value } (not in the scheme for { $label })
inspector-note = Note:
inspector-note-hint = Free text, any language
inspector-entity = Entity:
inspector-linked-entity-a11y = Linked entity { $name }
inspector-open-entity-hover = Click: open the entity panel
inspector-entity-none = none
inspector-unlink = Unlink
inspector-create-entity = Create entity from mention
inspector-link-entity = Link to an entity:
inspector-link-entity-hint = Link to an entity: search names and aliases
inspector-no-entity-match = No entity matches “{ $query }” in its name or aliases. Names match only in the script they are written in: add a Latin alias to find an Arabic name by it.
inspector-link-to-a11y = Link to { $name }
inspector-relations = Relations:
inspector-click-target = Click the target…
inspector-add-relation = Add (R)
inspector-delete = Delete
inspector-delete-relation-hover = Delete this relation
inspector-related-a11y = Related { $text }
inspector-history = History

## Central panel
central-importing = Importing { $what } …
central-dismiss = Dismiss
central-no-project = No project open
central-open-hint = Open a folder of .txt documents to start annotating.
central-open-folder = Open folder…
central-open-project = Open project…
central-no-documents = This project has no documents
central-no-documents-hint = Open a folder that holds .txt files.
central-pick-document = Pick a document in the list.
central-direction = Paragraph direction:
central-direction-auto = Auto
central-direction-rtl = Right to left
central-direction-ltr = Left to right
central-show-invisible = Show invisible characters
central-status = status
central-encoding-guessed = ⚠ encoding guessed: { $encoding }
central-encoding = encoding: { $encoding }
central-redecode-as = Decode the source file again as:
central-encoding-hover = How the file's bytes became this text. A guessed encoding can be wrong on short files; choose another to decode the file again (only before the document has annotations; Ctrl+Z undoes it).
central-doc-note = Document note
central-doc-note-written = Document note (written)
central-doc-note-label = Note about this document:
central-copied = { $n ->
    [one] Copied { $n } character
   *[other] Copied { $n } characters
}
welcome-sample = Welcome to Sanad. This sample corpus holds three short texts: drag across a name, press a number key (1–4) to label it, and see it in the inspector. Ctrl+Z undoes.

## Status messages
msg-no-folder = No folder chosen. { msg-no-dialog }
msg-no-project = No project chosen. { msg-no-dialog }
msg-no-copy = No copy saved. { msg-no-dialog } (`sanad backup PROJECT OUT.sanad`)
msg-no-scheme-export = Scheme not exported. { msg-no-dialog }
msg-no-scheme = No scheme chosen. { msg-no-dialog }
msg-no-dialog = If no dialog appeared, this desktop has no file-dialog service (XDG desktop portal) and neither zenity nor kdialog is installed: install one, or use the command line.
msg-exported = Exported { $n ->
    [one] { $n } document
   *[other] { $n } documents
} to { $path }
msg-exported-warnings = Exported { $n ->
    [one] { $n } document
   *[other] { $n } documents
} to { $path } with { $w ->
    [one] { $w } warning
   *[other] { $w } warnings
}: { $list }
msg-export-failed = export failed ({ $error }): { $path }
msg-copy-saved = Saved a copy of the project to { $path }
msg-copy-failed = no copy saved: { $error }
msg-scheme-exported = Scheme exported to { $path }
msg-scheme-export-failed = cannot export the scheme ({ $error }): { $path }
msg-scheme-merged = Scheme merged from { $path }
msg-scheme-read-failed = cannot read the scheme ({ $error }): { $path }
msg-selected-annotation = Selected annotation { $id }: a number relabels it, Delete removes it, R starts a relation
msg-only-spaces = The selection holds only spaces; nothing labelled
msg-select-first = Select some text first (drag across it), then press a label key.
msg-relation-from = Relation from this { $label }: click its target annotation (Esc cancels)
msg-select-annotation-first = Select an annotation first (click it), then press R.
msg-relation-same = a relation needs two different annotations
msg-relation-none = no relation type allows { $head } to { $child } in this scheme
msg-entity-created = Created entity “{ $name }” and linked this mention
msg-no-mention = This entity has no linked mention yet.
msg-annotator-empty = The annotator's name cannot be empty.
msg-recorded-as = Changes are recorded as { $name }
msg-keep-spaces-on = New spans keep spaces at their edges
msg-keep-spaces-off = Spaces and invisible marks are trimmed off new spans
msg-relation-cancelled = Relation cancelled
msg-linked-kind = Linked, but note: the entity is a { $kind } and this mention is labelled { $label }
msg-undone = Undone
msg-undone-what = Undone: { $what }
msg-redone-what = Redone: { $what }
msg-opened = Opened { $path }
msg-verify-failed = This project failed verification: its history or its texts were changed outside Sanad ({ $problems }). Run “sanad verify” on the project file for the details.
msg-verify-row = audit row { $id } ({ $action } by { $actor }) breaks the history's hash chain
msg-verify-head = the history ends before the last change the project recorded (changes were removed from its end)
msg-verify-documents = documents whose text changed ({ $count }): { $names }
msg-verify-separator = ;{" "}
msg-language = Interface language: English

## What an action did (status bar, after Undo:/Redo:)
did-label = Labelled [{ $start }, { $end }) as { $label }
did-label-many = Labelled { $n ->
    [one] { $n } span
   *[other] { $n } spans
} as { $label }
did-delete-annotation = Deleted annotation { $id }
did-relabel = Relabelled annotation { $id } as { $label }
did-direction = Paragraph direction set to { $direction }
did-status = Status set to { $status }
did-add-relation = Added relation { $relation }
did-set-attribute = Set { $name } = { $value }
did-clear-attribute = Cleared { $name }
did-link-entity = Linked to entity { $id }
did-rename-label = Renamed label to { $name }
did-create-entity = Created entity “{ $name }”
did-edit-entity = Entity “{ $name }” saved with { $n ->
    [one] { $n } alias
   *[other] { $n } aliases
}
did-merge-entities = Merged entity { $merged } into entity { $survivor }
did-split-entity = Split the mention off into entity “{ $name }”
did-delete-entity = Deleted entity { $id }; its mentions keep their spans
did-note = Saved the note
did-document-note = Saved the document note
did-resize = Moved the span to [{ $start }, { $end })
did-delete-relation = Deleted a relation
did-unlink-entity = Unlinked the entity

## Windows
ask-name-title = Who is annotating?
ask-name-why = Your name goes into the audit trail with every change you make.
ask-name-hint = Your name
ask-name-ok = OK
ask-name-empty = Type a name first: it cannot be empty.
shortcuts-title = Keyboard shortcuts
relation-type-title = Relation type
relation-type-which = More than one relation type fits. Which one?
cancel = Cancel
delete-label-title = Delete label?
delete-label-text = { $name } holds { $n ->
    [one] { $n } annotation
   *[other] { $n } annotations
}. Deleting the label deletes them too (Ctrl+Z brings all back).
delete-label-button = Delete { $name } and { $n ->
    [one] { $n } annotation
   *[other] { $n } annotations
}
delete-label-keep = Keep it

## Settings
settings-title = Settings
settings-language = Language
settings-language-label = Interface language:
settings-digits = Digits:
settings-digits-western = Western (0123)
settings-digits-arabic = Arabic-Indic (٠١٢٣)
settings-annotator = Annotator
settings-save-name = Save name
settings-selecting = Selecting and labelling
settings-snap = A drag selects whole words (hold Alt while dragging for single letters)
settings-mark-in-progress = A document still “to do” becomes “in progress” at its first annotation
settings-keep-spaces = Keep spaces at span edges
settings-keep-spaces-hover = Off (the default): a new span loses the spaces and invisible direction marks at its two ends, so "المعتقل " is stored as "المعتقل". Exports warn about any span that still has them.
settings-labels = Labels
settings-open-project = Open a project to edit its labels.
settings-name = Name
settings-colour = Colour
settings-apply = Apply
settings-delete = Delete…
settings-new-label = New label:
settings-new-label-hint = NAME
settings-key-hint = key
settings-add-label = Add label
settings-export-scheme = Export scheme…
settings-import-scheme = Import scheme…

## Search
search-menu = Search
search-find-document = Find in document…
search-find-project = Find in project…
search-next = Next match
search-previous = Previous match
search-label-all = Label all matches…
search-match-at = Match [{ $start }, { $end })
search-nothing-ticked = Nothing ticked: nothing labelled
search-count = { $n ->
    [one] { $n } match
   *[other] { $n } matches
} in { $d ->
    [one] { $d } document
   *[other] { $d } documents
}
search-no-match = No match
search-match-of = Match { $i } of { $n }
search-add-label-first = Add a label first
search-no-match-to-label = No match to label
search-find-in-project = Find in project:
search-find = Find:
search-hint = text, or a regex
search-field-hover = Enter: next match, Shift+Enter: previous
search-query-a11y = Search query
search-scope-document = Document
search-scope-project = Project
search-mode = mode
search-mode-substring = Substring
search-mode-word = Whole word
search-mode-clitics = Word + proclitics
search-mode-regex = Regex
search-arabic-aware = Arabic-aware ▾
search-fold-harakat = Ignore harakat and Quranic marks
search-fold-tatweel = Ignore tatweel ـ
search-fold-persian = Persian ی ک = ي ك
search-fold-case = Ignore case
search-fold-presentation = Presentation forms (PDF text)
search-fold-all-off = All off (exact)
search-fold-defaults = Defaults
search-previous-hover = Previous match (Shift+F3)
search-next-hover = Next match (F3)
search-label-all-button = Label all…
search-label-all-hover = Label every match (Ctrl+Shift+L)
search-close-hover = Close the search bar
search-results = Search results
search-match-a11y = Match { $doc } [{ $start }, { $end }) { $text }
label-all-title = Label all matches
label-all-as = Label the ticked matches as
label-all-label = label
label-all-summary = { $n ->
    [one] { $n } match
   *[other] { $n } matches
}; { $already } already labelled { $label } (skipped)
label-all-already = already labelled: skipped
label-all-row-a11y = Label { $doc } [{ $start }, { $end })
label-all-apply = Label { $n }
label-all-apply-hover = One action: one undo removes them all (Ctrl+Shift+L)

## Suggestions (gazetteer)
sugg-no-gazetteer = No gazetteer chosen. { msg-no-dialog } (`sanad suggest PROJECT --gazetteer FILE`)
sugg-selected = Suggested { $label } [{ $start }, { $end }) from { $source }: Enter or A accepts it, X rejects it
sugg-gazetteer-report = Gazetteer { $name }: { $report }
sugg-none-selected = No suggestion selected: click a dashed span or a row of the Suggestions list
sugg-accepted = Accepted { $n ->
    [one] { $n } suggestion
   *[other] { $n } suggestions
} as annotations
sugg-rejected = Rejected { $n ->
    [one] { $n } suggestion
   *[other] { $n } suggestions
}
sugg-heading = Suggestions ({ $n })
sugg-explain = Dashed in the text; not annotations until accepted.
sugg-accept-all = Accept all
sugg-accept-all-hover = Accept every suggestion of this document (one undo step)
sugg-reject-all = Reject all
sugg-reject-all-hover = Reject every suggestion of this document (one undo step)
sugg-accept = Accept
sugg-reject = Reject
sugg-accept-name = Accept this name everywhere
sugg-accept-name-hover = Accept every suggestion of the selected one's name, in every document
sugg-reject-name = Reject this name everywhere
sugg-row-a11y = Suggestion { $label } [{ $start }, { $end }) { $text }

## Entities
ent-heading = Entities
ent-none-yet = None yet: select a mention and use “Create entity” in the inspector.
ent-find = Find an entity:
ent-find-hint = Name or alias, any script
ent-no-match = No entity has this in its name or aliases.
ent-row-a11y = Entity { $name }
ent-row-hover = Click: open the entity panel (mentions, rename, aliases, merge, split, delete)
ent-row-hover-aliases = Also: { $aliases }
    Click: open the entity panel (mentions, rename, aliases, merge, split, delete)
ent-title = Entity
ent-name-a11y = Entity name { $name }
ent-summary = { $kind } · { $m ->
    [one] { $m } mention
   *[other] { $m } mentions
} · { $a ->
    [one] { $a } alias
   *[other] { $a } aliases
}
ent-name = Name:
ent-name-hint = Entity name
ent-rename = Rename
ent-aliases = Aliases (any script; search finds the entity by each):
ent-remove-alias-hover = Remove this alias
ent-alias-a11y = Alias { $alias }
ent-new-alias = New alias:
ent-new-alias-hint = Another name, e.g. in Latin script
ent-add-alias = Add alias
ent-merge-with = Merge with:
ent-chosen-a11y = Chosen entity { $name }
ent-merge-explain = The one kept takes every mention and the other's name and aliases as aliases ({ $a } + { $b } mentions). One Ctrl+Z undoes it.
ent-keep-this = Keep this one
ent-keep-this-hover = Merge the chosen entity into this one
ent-keep-chosen = Keep the chosen one
ent-keep-chosen-hover = Merge this entity into the chosen one
ent-merge-hint = Find the entity to merge with: name or alias
ent-no-other = No other entity matches.
ent-merge-a11y = Merge with { $name }
ent-merge-hover = { $kind } · { $m ->
    [one] { $m } mention
   *[other] { $m } mentions
}
ent-delete-confirm = Delete this entity? Its { $m ->
    [one] { $m } mention keeps its span and label
   *[other] { $m } mentions keep their spans and labels
} and lose the link. Ctrl+Z brings it back.
ent-delete = Delete entity
ent-delete-ask = Delete…
ent-mentions = Mentions ({ $n })
ent-next-mention = Next mention
ent-next-mention-hover = Open the next mention, in any document (again: the one after)
ent-no-mentions = None: select an annotation and link it from the inspector.
ent-mention-hover = { $label } · chars
ent-split = Split off
ent-split-hover = Unlink this mention into a new entity of the same type, named by its text
ent-mention-a11y = Mention { $doc } [{ $start }, { $end }) { $text }

## Decoding a document again
redecode-unknown = unknown encoding “{ $label }”
redecode-no-folder = this project records no source folder to read the file from
redecode-unreadable = cannot read the source file again ({ $error }): { $path }
redecode-changed = the source file's bytes changed since import; not decoded again: { $path }
redecode-failed = cannot decode as { $encoding } ({ $error }): { $path }
view-undrawable = U+{ $code }: no font can draw this character

## A span's char offsets, [start, end)
range = [{ $start }, { $end })

## View menu (reading comfort)
view-menu = View
view-zoom-in = Zoom in
view-zoom-out = Zoom out
view-zoom-reset = Actual size (100 %)
view-theme-system = Follow the system
view-theme-light = Light
view-theme-dark = Dark
view-focus-controls = Move focus to the controls
view-reading-settings = Reading settings…
menu-import-as-suggestions = …as suggestions
menu-import-as-suggestions-hover = Bring the spans in as suggestions to accept or reject (model pre-annotations); relations, attributes and notes are reported, not imported

## Export window (File → Export…)
export-title = Export
export-format = Format
export-format-jsonl = Sanad JSONL
export-format-brat = brat standoff (folder)
export-format-doccano = doccano JSONL
export-format-label-studio = Label Studio JSON
export-format-webanno-tsv = WebAnno TSV 3.3 / INCEpTION (folder)
export-format-conll = CoNLL (IOB2 / BIOES)
export-format-w3c = W3C Web Annotation (JSON-LD)
export-format-hf = Hugging Face datasets (folder)
export-format-csv = CSV (spreadsheet)
export-format-xlsx = Excel workbook (XLSX)
export-format-refi-qda = REFI-QDA project (QDPX)
export-unit-jsonl = code points (or the unit chosen, stated on each line)
export-unit-codepoints = code points
export-unit-utf16 = UTF-16 code units
export-unit-utf8 = UTF-8 bytes (also byte offsets into the original file)
export-unit-graphemes = graphemes
export-unit-tokens = tokens
export-unit-w3c = code points (TextPositionSelector)
export-unit-hf = code points (spans); UAX #29 word tokens (ner_tags)
export-unit-refi-qda = code points (characters of the source text)
export-unit-stated = { $unit }, stated on each line as offset_unit
export-offsets = Offsets: { $unit }
export-offset-unit = Offset unit:
export-history = Include each annotation's history
export-suggestions = Include gazetteer suggestions not yet accepted (apart from the spans)
export-tags = Tags:
export-clitics = Split Arabic proclitics (wa, fa, bi, ka, li, al) off words
export-misaligned = A span not on token edges:
export-misaligned-widen = widen
export-misaligned-split = split tokens
export-misaligned-drop = leave out
export-bom = Start with a UTF-8 byte-order mark (Excel needs it to read Arabic)
export-about-label-studio = Writes the tasks and NAME.label_config.xml beside them.
export-about-brat = Writes a folder: NAME.txt and NAME.ann per document, annotation.conf.
export-about-webanno = Writes a folder: one NAME.tsv per document.
export-about-hf = Writes a folder that datasets.load_dataset reads (tokens, spans, relations, documents).
export-about-xlsx = Sheets: annotations (right to left, autofilter) and counts per label.
export-skip-invalid = Leave out spans that break the model's rules (else the export stops)
export-pseudonymise = Pseudonymise: replace the names of these labels by pseudonyms (PERSON_007, شخص_٧)
export-pseudonymise-labels = Labels:
export-pseudonymise-about = Every mention is replaced in the text, in every format; other occurrences of the same names too. Source hashes are left out. The key (pseudonym → name) is written only by the command line (--pseudonym-key), encrypted.
export-pseudonymise-pick = Tick at least one label to pseudonymise.
export-pseudonymise-conflict = Pseudonymised JSONL cannot carry the history, suggestions or byte offsets into the original file (they hold the original text): untick them.
export-strip-notes = Leave out notes (of spans and documents)
export-strip-annotators = Rename annotators annotator_1, annotator_2, …
export-documents = Documents:
export-scope-project = the whole project
export-scope-selected = those ticked below
export-scope-done = those marked done
export-tick-one = Tick at least one document below.
export-start = Export…
export-writing = Writing { $n ->
    [one] { $n } document
   *[other] { $n } documents
}…
export-reading = Reading document { $done } of { $total }…
export-cancel = Cancel export
export-ticked = { $n } of { $total } ticked
export-tick-all = Tick all
export-tick-none = Tick none
export-include-a11y = Include { $path }
export-summary = Exported { $n ->
    [one] { $n } document
   *[other] { $n } documents
}, { $s ->
    [one] { $s } span
   *[other] { $s } spans
} as { $format } ({ $unit }).
export-written = Written: { $path }
export-misaligned-count = { $n ->
    [one] { $n } span did not fit the tokens as it is:
   *[other] { $n } spans did not fit the tokens as they are:
}
export-no-warnings = No warnings.
export-warnings = { $n ->
    [one] { $n } warning:
   *[other] { $n } warnings:
}
export-stopped = the export stopped: { $path }
export-nothing = Nothing exported. { msg-no-dialog } (`sanad export PROJECT --format { $format } --output PATH`)

## Importing a folder or annotation files
msg-project-inside = the project file would be inside the folder it imports, which Sanad never writes to; choose a project path outside it: { $path }
msg-imported = Imported { $n ->
    [one] { $n } new document
   *[other] { $n } new documents
} from { $what }; { $skipped } skipped
msg-import-stopped = the import stopped unexpectedly
msg-import-no-project = Open a project first, then import annotations into it.
msg-no-annotation-files = no annotation files found (.ann, .jsonl, .json, WebAnno .tsv, .conll): { $path }
msg-import-refused = { $message }: { $path }

## Keyboard shortcuts (F1): group headings, mouse gestures, what each row does
shortcut-group-files = Files
shortcut-group-editing = Editing
shortcut-group-labelling = Selecting and labelling
shortcut-group-moving = Moving around
shortcut-group-search = Search
shortcut-group-suggestions = Suggestions and entities
shortcut-group-view = View and reading
shortcut-group-text-fields = In a text field
shortcut-group-help = Help
mouse-resize = Start ±1, End ±1
mouse-drag = Drag
mouse-alt-drag = Alt+Drag
mouse-double-click = Double-click
mouse-click = Click
mouse-entity-enter = Enter (entity panel)
shortcut-open-folder = Open a folder of .txt documents
shortcut-open-project = Open a project (.sanad)
shortcut-export = Export… (choose the format)
shortcut-import-annotations = Import annotations (brat, doccano, Label Studio, WebAnno TSV, CoNLL, Sanad JSONL)
shortcut-apply-gazetteer = Apply a gazetteer (a list of known names)
shortcut-save-copy = Save a copy of the project
shortcut-quit = Quit
shortcut-redo = Redo
shortcut-undo = Undo
shortcut-delete = Delete the selected annotation
shortcut-start-relation = Start a relation from the selected annotation; then click its target
shortcut-resize = Inspector buttons: move the selected annotation's start or end by one grapheme
shortcut-settings = Settings: annotator name, reading (font size, line spacing, theme), labels, scheme
shortcut-drag = Select a span: whole words at both ends (logical range between press and release)
shortcut-alt-drag = Select a span letter by letter (grapheme clusters), without snapping to words
shortcut-double-click = Select a word
shortcut-click = Place the caret, or select the highlight under it (again: the next stacked one)
shortcut-caret = Move the caret in the document by a grapheme / a word, in the direction you see (it starts at the first line in view)
shortcut-extend-grapheme = Extend the selection by one grapheme, in the direction you see
shortcut-extend-word = Extend the selection by a word, in the direction you see
shortcut-select-all = Select the whole document
shortcut-copy = Copy the selection's logical text
shortcut-label-keys = Label the selection, or relabel the selected annotation (the key shown on each label)
shortcut-escape = Close the open window; else cancel a relation or clear the selection
shortcut-tab-annotations = Select the next / previous annotation and scroll to it (while no control has the focus)
shortcut-scroll-line = Scroll the document by a line
shortcut-scroll-page = Scroll the document by a page
shortcut-top-end = Go to the top / the end of the document
shortcut-previous-document = Previous document in the list
shortcut-next-document = Next document in the list
shortcut-find-all = Find in every document of the project
shortcut-find = Find in the shown document (Arabic-aware)
shortcut-previous-match = Previous match
shortcut-next-match = Next match
shortcut-search-field = In the search field: next / previous match
shortcut-label-all = Label all matches: preview them, then again to label the ticked ones (one undo)
shortcut-suggestion = Accept (it becomes an annotation) / reject the selected gazetteer suggestion
shortcut-entity-enter = In Name: rename the entity; in New alias: add the alias (each one undo)
shortcut-zoom-in = Zoom in (the whole interface; kept between runs)
shortcut-zoom-out = Zoom out
shortcut-zoom-reset = Zoom back to 100 %
shortcut-toggle-theme = Switch between the light and the dark theme (Settings: follow the system)
shortcut-focus-controls = Move the keyboard focus to the menus and panels; then Tab / Shift+Tab go from control to control, Space or Enter presses, Esc gives the keyboard back to the document
shortcut-field-arrows = Move the caret one grapheme the way the arrow points on screen (Ctrl: a word; Shift: select)
shortcut-field-home-end = Start / end of the line in reading order: right / left edge of an Arabic line (Ctrl: of the whole text)
shortcut-field-delete = Delete the grapheme before / after the caret in reading order (Ctrl: a word)
shortcut-field-undo = Undo / redo typing in the field, not the project (Ctrl+Shift+Z redoes too)
shortcut-field-clipboard = Select all, copy, cut, paste
shortcut-field-leave = Leave the field (a note is saved when you leave it)
shortcut-shortcuts = This list of shortcuts

## Reading settings, themes, underline styles, the document for screen readers
settings-reading = Reading
reading-font-size = Document text size
reading-line-spacing = Line spacing
reading-zoom = Zoom (whole window)
reading-theme = Theme
reading-reset = Reset reading settings
reading-points = pt
msg-zoom = Zoom { $zoom } %
msg-theme-light = Light theme
msg-theme-dark = Dark theme
underline-solid = solid underline
underline-dashed = dashed underline
underline-dotted = dotted underline
underline-double = double underline
underline-wavy = wavy underline
underline-dash-dot = dash-dot underline
a11y-document = Document text
a11y-annotation-description = { $label }: characters { $start } to { $end } of the document

## Native file dialogs (titles and file kinds)
dialog-open-folder = Open a folder of .txt documents
dialog-open-project = Open a Sanad project
dialog-project-kind = Sanad project
dialog-export = Export annotations
dialog-export-file-kind = { $ext } file
dialog-export-folder = Export annotations to a new folder (name it)
dialog-folder-kind = Folder
dialog-import-scheme = Import a label scheme
dialog-export-scheme = Export the label scheme
dialog-scheme-kind = RON label scheme
dialog-save-copy = Save a copy of the project
dialog-gazetteer = Apply a gazetteer (a list of known names)
dialog-gazetteer-kind = Gazetteer (CSV, TSV, RON)
dialog-gazetteer-csv-kind = Gazetteer (CSV)

## The settings file
msg-settings-not-saved = cannot save settings ({ $error }): { $path }

## Encrypted projects (passphrase window, File menu)
menu-encrypt = Encrypt project…
menu-encrypt-hover = Encrypt the open project with a passphrase: without it the file cannot be read. Exports stay plaintext.
passphrase-open-title = Encrypted project
passphrase-open-text = This project is encrypted. Type its passphrase to open it: { $path }
passphrase-open-ok = Open
passphrase-encrypt-title = Encrypt project
passphrase-encrypt-text = Encrypt this project with a passphrase (typed twice): { $path }
passphrase-encrypt-warning = Nobody can recover a lost passphrase, not even Sanad's authors. Keep it somewhere safe.
passphrase-encrypt-ok = Encrypt
passphrase-field = Passphrase:
passphrase-confirm = Repeat it:
passphrase-wrong = Wrong passphrase (or not a Sanad project). Try again.
passphrase-mismatch = The two passphrases differ. Type the second again.
passphrase-empty = Type a passphrase.
msg-passphrase-cancelled = Not opened: no passphrase was given
msg-encrypted = Encrypted with the passphrase: { $path }
menu-new-encrypted = New encrypted project from folder…
menu-new-encrypted-hover = Import a folder into a new project encrypted with a passphrase: its documents are never written to the disk in plaintext
passphrase-create-title = New encrypted project
passphrase-create-text = Import the folder into a new project encrypted with a passphrase (typed twice): { $path }
passphrase-create-ok = Create
msg-encrypted-exists = A file is already where the new project would go; open it, or move it away first: { $path }

## The curation (adjudication) view (View → Curation)
view-curation = Curation view
view-curation-off = Leave the curation view
shortcut-curation = The curation view: each annotator's spans in their own lane, adjudicated into the curated layer
curation-on = Curation view: each annotator's spans are bars in their own lane above the text, disputed ones outlined; the highlights are the curated layer
curation-off = Curation view closed
curation-heading = Curation
curation-explain = Each annotator's spans are drawn as thin bars in their own lane at the top of the lines; disputed spans (not in every annotator's layer with the same label) are outlined. The highlights show the curated layer, which export takes with --layer curated.
curation-accept-agreeing-document = Accept all agreeing (document)
curation-accept-agreeing-project = Accept all agreeing (project)
curation-accept-agreeing-hover = Copy every span that all annotators gave the same label into the curated layer; one undo step (Ctrl+Z)
curation-no-layers = No annotator's layer in this document
curation-lane = Lane { $n }: { $name } (spans: { $count })
curation-unknown-annotator = (unknown annotator)
curation-curated = Curated layer, spans: { $n }
curation-accept = Accept
curation-accept-hover = Copy the selected span, with its label, into the curated layer
curation-edit = Accept and edit
curation-edit-hover = Accept the selected span if it is not yet accepted, then select the curated copy to edit it in the inspector
curation-reject = Reject
curation-reject-hover = A span not accepted is rejected: annotators' layers are never changed. Once accepted, this deletes the curated copy.
curation-row-agreed = agreed · { $label } · { $name } · [{ $start }, { $end }) · { $text }
curation-row-disputed = disputed · { $label } · { $name } · [{ $start }, { $end }) · { $text }
curation-row-curated = curated · { $label } · { $name } · [{ $start }, { $end }) · { $text }
did-accept-agreeing-document = Accepted all agreeing spans of the document into the curated layer
did-accept-agreeing-project = Accepted all agreeing spans of the project into the curated layer
did-accept-into-curated = Accepted annotation { $id } into the curated layer

## View → Agreement… (src/ui/agreement_panel.rs)
view-agreement = Agreement…
view-agreement-hover = How well the annotators' layers agree: span F1, Cohen's and Fleiss' kappa, Krippendorff's alpha; per label and per document; charts
agreement-title = Agreement
agreement-label-filter = Label:
agreement-all-labels = All labels
agreement-refresh = Recompute
agreement-numbers = Numbers
agreement-charts = Charts
agreement-exported = Exported: { $path }
agreement-computed = { $n } annotator(s), { $docs } document(s); computed in { $ms } ms
agreement-too-few = Agreement needs the layers of at least two annotators (File → Merge projects… brings them in).
agreement-pairs = Annotator pairs (span F1 exact, overlap; token Cohen's kappa)
agreement-pair = { $a } – { $b }: exact F1 { $exact }, overlap F1 { $overlap }, kappa { $kappa }
agreement-all = All annotators: Fleiss' kappa { $fleiss }, Krippendorff's alpha { $alpha }
agreement-per-label = Per label
agreement-label-line = { $label }, { $a } – { $b }: exact F1 { $exact }, overlap F1 { $overlap }; alpha { $alpha }
agreement-alpha-key = Krippendorff's alpha of the label, all annotators
agreement-per-document = Per document
agreement-document = { $path }: Krippendorff's alpha { $alpha }
agreement-chart-spans = Spans per label per annotator
agreement-chart-labels = Agreement per label (span F1, alpha)
agreement-chart-done = Documents done per annotator over time
agreement-export-csv = CSV…
agreement-export-png = PNG…
agreement-exact = exact
agreement-overlap = overlap
agreement-no-status = No document was marked done yet.
