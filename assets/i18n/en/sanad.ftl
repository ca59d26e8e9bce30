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
