package diff

import "sync"

// kinds is the change-kind table: Inspector 8's 54 kinds for schema
// elements and our 11 extensions, each with its level, reason, path and
// message (docs/breaking-changes.md lists them with the why). Levels and
// wording follow Inspector's changes/ modules; the deviations D2–D5 are
// noted where they apply. It is built on first use, not by every command
// at startup.
var kinds = sync.OnceValue(func() map[ChangeType]*kindSpec {
	return map[ChangeType]*kindSpec{
		// Schema roots (docs/breaking-changes.md, "Schema roots and types").
		// Introducing a root is safe; removing or replacing one breaks the
		// operations of that kind.
		SchemaQueryTypeChanged:        rootKind("query root type"),
		SchemaMutationTypeChanged:     rootKind("mutation type"),
		SchemaSubscriptionTypeChanged: rootKind("subscription type"),

		TypeAdded: {level: safe, path: typePath, addition: true,
			message: func(m *Meta) string { return "Type '" + m.TypeName + "' was added" }},
		TypeRemoved: {level: always(Breaking), reason: because("Operations that use the type stop validating."), path: typePath,
			message: func(m *Meta) string { return "Type '" + m.TypeName + "' was removed" }},
		TypeKindChanged: {level: always(Breaking), reason: because("Operations written against the old kind of type may stop validating."), path: typePath,
			message: func(m *Meta) string {
				return "'" + m.TypeName + "' kind changed from '" + m.OldType + "' to '" + m.NewType + "'"
			}},
		TypeDescriptionAdded:   typeDescriptionKind(),
		TypeDescriptionRemoved: typeDescriptionKind(),
		TypeDescriptionChanged: typeDescriptionKind(),

		// Fields of object and interface types.
		FieldAdded: {level: safe, path: fieldPath, addition: true,
			message: func(m *Meta) string {
				return "Field '" + m.FieldName + "' was added to " + m.ContainerKind + " '" + m.TypeName + "'"
			}},
		FieldRemoved: {level: always(Breaking), path: fieldPath,
			reason: func(m *Meta) string {
				if isTrue(m.IsDeprecated) {
					return "Operations that still select the deprecated field stop validating."
				}
				return "Operations that select the field stop validating."
			},
			message: func(m *Meta) string {
				return "Field '" + m.FieldName + "' " + deprecatedMarker(m) + "was removed from " + m.ContainerKind + " '" + m.TypeName + "'"
			}},
		FieldTypeChanged: {level: safeUnless, path: fieldPath,
			reason: because("Clients may receive values of a type or nullability they do not expect, and selections written for the old type may stop validating."),
			message: func(m *Meta) string {
				return "Field '" + m.TypeName + "." + m.FieldName + "' changed type from '" + m.OldType + "' to '" + m.NewType + "'"
			}},
		FieldDescriptionAdded:   fieldDescriptionKind(),
		FieldDescriptionRemoved: fieldDescriptionKind(),
		FieldDescriptionChanged: fieldDescriptionKind(),
		FieldDeprecationAdded: {level: safe, path: deprecatedPath(fieldPath),
			message: func(m *Meta) string {
				msg := "Field '" + m.TypeName + "." + m.FieldName + "' is deprecated"
				if !noReason(m.NewReason) {
					msg += ": '" + excerpt(m.NewReason) + "'"
				}
				return msg
			}},
		FieldDeprecationRemoved: {level: safe, path: deprecatedPath(fieldPath),
			message: func(m *Meta) string { return "Field '" + m.TypeName + "." + m.FieldName + "' is no longer deprecated" }},
		FieldDeprecationReasonAdded: {level: safe, path: deprecatedPath(fieldPath),
			message: func(m *Meta) string {
				return "Field '" + m.TypeName + "." + m.FieldName + "' has deprecation reason '" + excerpt(m.NewReason) + "'"
			}},
		// Inspector's one deprecation kind at the field's own path.
		FieldDeprecationReasonRemoved: {level: safe, path: fieldPath,
			message: func(m *Meta) string {
				return "Deprecation reason was removed from field '" + m.TypeName + "." + m.FieldName + "'"
			}},
		FieldDeprecationReasonChanged: {level: safe, path: deprecatedPath(fieldPath),
			message: func(m *Meta) string {
				return "Deprecation reason on field '" + m.TypeName + "." + m.FieldName + "' has changed from '" + excerpt(m.OldReason) + "' to '" + excerpt(m.NewReason) + "'"
			}},

		// Field arguments. An argument added to an existing field breaks when
		// required (non-null without a default that coerces) and is dangerous
		// otherwise: the field may behave differently for operations that do
		// not pass it.
		FieldArgumentAdded: {path: argumentPath,
			level: func(m *Meta) Level {
				switch {
				case m.InAddedParent:
					return NonBreaking
				case isTrue(m.IsNonNull) && !isTrue(m.HasDefault):
					return Breaking
				}
				return Dangerous
			},
			reason: func(m *Meta) string {
				if isTrue(m.IsNonNull) && !isTrue(m.HasDefault) {
					return "The argument is required (non-null without a default): operations that select the field without it stop validating."
				}
				return "The field may behave differently for operations that do not pass the new optional argument."
			},
			message: func(m *Meta) string {
				withDefault := " "
				if isTrue(m.HasDefault) {
					withDefault = " (with default value) "
				}
				return "Argument '" + m.ArgumentName + ": " + m.NewType + "'" + withDefault + "added to field '" + m.TypeName + "." + m.FieldName + "'"
			}},
		FieldArgumentRemoved: {level: always(Breaking), reason: because("Operations that pass the argument stop validating."), path: argumentPath,
			message: func(m *Meta) string {
				return "Argument '" + m.ArgumentName + ": " + m.OldType + "' was removed from field '" + m.TypeName + "." + m.FieldName + "'"
			}},
		FieldArgumentTypeChanged:    inputTypeKind(argumentPath, fieldArgumentName),
		FieldArgumentDefaultChanged: defaultKind("argument", argumentPath, fieldArgumentName),
		FieldArgumentDescriptionChanged: {level: safe, path: argumentPath, description: true,
			message: func(m *Meta) string {
				return descriptionMessage(fieldArgumentName(m), m.OldDescription, m.NewDescription)
			}},

		// Input object fields. An input field added to an existing input
		// object breaks when required, is dangerous with a default (inputs
		// that omit it change meaning) and safe otherwise.
		InputFieldAdded: {path: fieldPath, addition: true,
			level: func(m *Meta) Level {
				switch {
				case m.InAddedParent:
					return NonBreaking
				case isTrue(m.HasDefault):
					return Dangerous
				case isTrue(m.IsNonNull):
					return Breaking
				}
				return NonBreaking
			},
			reason: func(m *Meta) string {
				if isTrue(m.HasDefault) {
					return "Inputs that omit the new field now get its default value, which may change what they do."
				}
				return "The input field is required (non-null without a default): inputs that omit it are rejected."
			},
			message: func(m *Meta) string {
				withDefault := ""
				if isTrue(m.HasDefault) {
					withDefault = " with default value '" + deref(m.NewDefault) + "'"
				}
				return "Input field '" + m.FieldName + "' of type '" + m.NewType + "'" + withDefault + " was added to input object type '" + m.TypeName + "'"
			}},
		InputFieldRemoved: {level: always(Breaking), reason: because("Inputs that set the field are rejected."), path: fieldPath,
			message: func(m *Meta) string {
				return "Input field '" + m.FieldName + "' " + deprecatedMarker(m) + "was removed from input object type '" + m.TypeName + "'"
			}},
		InputFieldTypeChanged:         inputTypeKind(fieldPath, inputFieldName),
		InputFieldDefaultValueChanged: defaultKind("input field", fieldPath, inputFieldName),
		InputFieldDescriptionAdded:    inputFieldDescriptionKind(),
		InputFieldDescriptionRemoved:  inputFieldDescriptionKind(),
		InputFieldDescriptionChanged:  inputFieldDescriptionKind(),

		// Enum values. They have only reason kinds; deprecationStateChanged
		// tells a (un)deprecation from a change of reason alone (D5).
		EnumValueAdded: {level: dangerousUnlessInAdded, path: enumValuePath, addition: true,
			reason: because("Clients that switch over the enum's values may not handle the new one."),
			message: func(m *Meta) string {
				return "Enum value '" + m.EnumValueName + "' was added to enum '" + m.TypeName + "'"
			}},
		EnumValueRemoved: {level: always(Breaking), path: enumValuePath,
			reason: because("Operations that use the value stop validating, and clients that send it are rejected."),
			message: func(m *Meta) string {
				return "Enum value '" + m.EnumValueName + "' " + deprecatedMarker(m) + "was removed from enum '" + m.TypeName + "'"
			}},
		EnumValueDescriptionChanged: {level: safe, path: enumValuePath, description: true,
			message: func(m *Meta) string {
				return descriptionMessage("enum value '"+m.TypeName+"."+m.EnumValueName+"'", m.OldDescription, m.NewDescription)
			}},
		EnumValueDeprecationReasonAdded: {level: safe, path: deprecatedPath(enumValuePath),
			message: func(m *Meta) string {
				if !m.DeprecationStateChanged {
					return "Enum value '" + m.TypeName + "." + m.EnumValueName + "' has deprecation reason '" + excerpt(m.NewReason) + "'"
				}
				msg := "Enum value '" + m.TypeName + "." + m.EnumValueName + "' was deprecated"
				if !noReason(m.NewReason) {
					msg += " with reason '" + excerpt(m.NewReason) + "'"
				}
				return msg
			}},
		EnumValueDeprecationReasonRemoved: {level: safe, path: enumValuePath,
			message: func(m *Meta) string {
				if m.DeprecationStateChanged {
					return "Enum value '" + m.TypeName + "." + m.EnumValueName + "' is no longer deprecated"
				}
				return "Deprecation reason was removed from enum value '" + m.TypeName + "." + m.EnumValueName + "'"
			}},
		EnumValueDeprecationReasonChanged: {level: safe, path: deprecatedPath(enumValuePath),
			message: func(m *Meta) string {
				return "Enum value '" + m.TypeName + "." + m.EnumValueName + "' deprecation reason changed from '" + excerpt(m.OldReason) + "' to '" + excerpt(m.NewReason) + "'"
			}},

		// Union members and implemented interfaces, at the type's path.
		UnionMemberAdded: {level: dangerousUnlessInAdded, path: typePath, subject: subjectMember,
			reason: because("Selections on the union can now return a type that clients may not handle."),
			message: func(m *Meta) string {
				return "Member '" + m.MemberName + "' was added to union type '" + m.TypeName + "'"
			}},
		UnionMemberRemoved: {level: always(Breaking), path: typePath, subject: subjectMember,
			reason: because("Fragments on the member inside selections of the union stop validating."),
			message: func(m *Meta) string {
				return "Member '" + m.MemberName + "' was removed from union type '" + m.TypeName + "'"
			}},
		ObjectTypeInterfaceAdded: {level: dangerousUnlessInAdded, path: typePath, subject: subjectInterface,
			reason: because("Fields that return the interface can now return this type, which clients may not handle."),
			message: func(m *Meta) string {
				return "'" + m.TypeName + "' " + m.ContainerKind + " implements '" + m.InterfaceName + "' interface"
			}},
		ObjectTypeInterfaceRemoved: {level: always(Breaking), path: typePath, subject: subjectInterface,
			reason: because("Fragments and selections that rely on the type implementing the interface stop validating."),
			message: func(m *Meta) string {
				return "'" + m.TypeName + "' " + m.ContainerKind + " no longer implements '" + m.InterfaceName + "' interface"
			}},

		// Directive definitions, at "@name"; their arguments at "@name.arg",
		// except an added one, which Inspector puts at the directive's path.
		DirectiveAdded: {level: safe, path: directivePath, addition: true,
			message: func(m *Meta) string { return "Directive '" + m.DirectiveName + "' was added" }},
		DirectiveRemoved: {level: always(Breaking), reason: because("Documents that use the directive stop validating."), path: directivePath,
			message: func(m *Meta) string { return "Directive '" + m.DirectiveName + "' was removed" }},
		DirectiveDescriptionChanged: {level: safe, path: directivePath, description: true,
			message: func(m *Meta) string {
				return descriptionMessage("directive '"+m.DirectiveName+"'", m.OldDescription, m.NewDescription)
			}},
		DirectiveLocationAdded: {level: safe, path: directivePath, subject: subjectLocation,
			message: func(m *Meta) string {
				return "Location '" + m.Location + "' was added to directive '" + m.DirectiveName + "'"
			}},
		DirectiveLocationRemoved: {level: always(Breaking), path: directivePath, subject: subjectLocation,
			reason: because("Documents that use the directive at this location stop validating."),
			message: func(m *Meta) string {
				return "Location '" + m.Location + "' was removed from directive '" + m.DirectiveName + "'"
			}},
		// Breaking only when required; Inspector also calls a non-null
		// argument with a default breaking, though every use stays valid (D3).
		DirectiveArgumentAdded: {path: directivePath, subject: subjectArgument,
			level: func(m *Meta) Level {
				if !m.InAddedParent && isTrue(m.IsNonNull) && !isTrue(m.HasDefault) {
					return Breaking
				}
				return NonBreaking
			},
			reason: because("The argument is required (non-null without a default): existing uses of the directive stop validating."),
			message: func(m *Meta) string {
				return "Argument '" + m.ArgumentName + "' was added to directive '" + m.DirectiveName + "'"
			}},
		DirectiveArgumentRemoved: {level: always(Breaking), path: directiveArgumentPath,
			reason: because("Uses of the directive that pass the argument stop validating."),
			message: func(m *Meta) string {
				return "Argument '" + m.ArgumentName + "' was removed from directive '" + m.DirectiveName + "'"
			}},
		DirectiveArgumentTypeChanged:         inputTypeKind(directiveArgumentPath, directiveArgumentName),
		DirectiveArgumentDefaultValueChanged: defaultKind("directive argument", directiveArgumentPath, directiveArgumentName),
		DirectiveArgumentDescriptionChanged: {level: safe, path: directiveArgumentPath, description: true,
			message: func(m *Meta) string {
				return descriptionMessage(directiveArgumentName(m), m.OldDescription, m.NewDescription)
			}},
		DirectiveRepeatableAdded: {level: safe, path: directivePath,
			message: func(m *Meta) string { return "Directive '" + m.DirectiveName + "' added repeatable." }},
		// Inspector calls this safe; documents that repeat the directive stop
		// validating (D4).
		DirectiveRepeatableRemoved: {level: always(Breaking), path: directivePath,
			reason:  because("Documents that repeat the directive at one location stop validating."),
			message: func(m *Meta) string { return "Directive '" + m.DirectiveName + "' removed repeatable." }},

		// Extensions: facts Inspector 8 cannot see in an introspection result.
		InputObjectOneOfAdded: {level: always(Breaking), extension: true, path: suffixed(typePath, ".@oneOf"),
			reason: because("Inputs that set several fields, or none, are now rejected."),
			message: func(m *Meta) string {
				return "Input object type '" + m.TypeName + "' is now @oneOf: exactly one field must be set"
			}},
		InputObjectOneOfRemoved: {level: safe, extension: true, path: suffixed(typePath, ".@oneOf"),
			message: func(m *Meta) string { return "Input object type '" + m.TypeName + "' is no longer @oneOf" }},
		ScalarSpecifiedByURLAdded: {level: safe, extension: true, path: suffixed(typePath, ".@specifiedBy"),
			message: func(m *Meta) string {
				return "Scalar '" + m.TypeName + "' is now specified by '" + deref(m.NewURL) + "'"
			}},
		ScalarSpecifiedByURLRemoved: {level: always(Dangerous), extension: true, path: suffixed(typePath, ".@specifiedBy"),
			reason: because("The scalar's format is no longer promised."),
			message: func(m *Meta) string {
				return "Scalar '" + m.TypeName + "' is no longer specified by '" + deref(m.OldURL) + "'"
			}},
		ScalarSpecifiedByURLChanged: {level: always(Dangerous), extension: true, path: suffixed(typePath, ".@specifiedBy"),
			reason: because("The scalar's documented contract changed."),
			message: func(m *Meta) string {
				return "Specification of scalar '" + m.TypeName + "' changed from '" + deref(m.OldURL) + "' to '" + deref(m.NewURL) + "'"
			}},
		FieldArgumentDeprecationAdded:         inputDeprecationKind(argumentPath, fieldArgumentName, " is deprecated"),
		FieldArgumentDeprecationRemoved:       inputDeprecationKind(argumentPath, fieldArgumentName, " is no longer deprecated"),
		FieldArgumentDeprecationReasonChanged: inputDeprecationKind(argumentPath, fieldArgumentName, ""),
		InputFieldDeprecationAdded:            inputDeprecationKind(fieldPath, inputFieldName, " is deprecated"),
		InputFieldDeprecationRemoved:          inputDeprecationKind(fieldPath, inputFieldName, " is no longer deprecated"),
		InputFieldDeprecationReasonChanged:    inputDeprecationKind(fieldPath, inputFieldName, ""),
	}
})

// Levels.

func always(l Level) func(*Meta) Level { return func(*Meta) Level { return l } }

var safe = always(NonBreaking)

// safeUnless is the level of a type change: safe when the wrapping rules
// allow it (isSafeChange), breaking otherwise.
func safeUnless(m *Meta) Level {
	if isTrue(m.IsSafeChange) {
		return NonBreaking
	}
	return Breaking
}

// dangerousUnlessInAdded is the level of a member, interface or value
// added to an existing type: dangerous, as clients may not handle it; safe
// in a type that is new.
func dangerousUnlessInAdded(m *Meta) Level {
	if m.InAddedParent {
		return NonBreaking
	}
	return Dangerous
}

func because(reason string) func(*Meta) string { return func(*Meta) string { return reason } }

// Kinds that share a shape.

func rootKind(label string) *kindSpec {
	return &kindSpec{
		path: func(*Meta) string { return "" },
		level: func(m *Meta) Level {
			if m.OldType == "" {
				return NonBreaking
			}
			return Breaking
		},
		reason: func(m *Meta) string {
			if m.NewType == "" {
				return "Operations of this kind are no longer supported."
			}
			return "Operations of this kind now run against a different root type."
		},
		message: func(m *Meta) string {
			switch {
			case m.OldType == "":
				return "Schema " + label + " was set to '" + m.NewType + "'."
			case m.NewType == "":
				return "Schema " + label + " '" + m.OldType + "' was removed."
			}
			return "Schema " + label + " was changed from '" + m.OldType + "' to '" + m.NewType + "'"
		},
	}
}

// typeDescriptionKind words a type's description change with the type's
// kind, which meta.containerKind holds for these kinds.
func typeDescriptionKind() *kindSpec {
	return &kindSpec{level: safe, path: typePath, description: true, message: func(m *Meta) string {
		return descriptionMessage(m.ContainerKind+" '"+m.TypeName+"'", m.OldDescription, m.NewDescription)
	}}
}

func fieldDescriptionKind() *kindSpec {
	return &kindSpec{level: safe, path: fieldPath, description: true, message: func(m *Meta) string {
		return descriptionMessage("field '"+m.TypeName+"."+m.FieldName+"'", m.OldDescription, m.NewDescription)
	}}
}

func inputFieldDescriptionKind() *kindSpec {
	return &kindSpec{level: safe, path: fieldPath, description: true, message: func(m *Meta) string {
		return descriptionMessage(inputFieldName(m), m.OldDescription, m.NewDescription)
	}}
}

// inputTypeKind is the type change of an argument, input field or
// directive argument: safe when the input-position wrapping rules allow it.
func inputTypeKind(path, name func(*Meta) string) *kindSpec {
	return &kindSpec{level: safeUnless, path: path,
		reason: because("Values and variables of the old type may no longer be accepted."),
		message: func(m *Meta) string {
			return "Type for " + name(m) + " changed from '" + m.OldType + "' to '" + m.NewType + "'"
		}}
}

// defaultKind is the default change of an argument, input field or
// directive argument: dangerous, as operations that omit the value now get
// another one; breaking when a non-null value lost its default and so
// became required (D2).
func defaultKind(noun string, path, name func(*Meta) string) *kindSpec {
	required := func(m *Meta) bool { return isTrue(m.IsNonNull) && m.HasDefault != nil && !*m.HasDefault }
	nowRequired := "The non-null " + noun + " lost its default and is now required: operations that omit it stop validating."
	otherValue := "Operations that omit the " + noun + " now get a different value."
	return &kindSpec{path: path,
		level: func(m *Meta) Level {
			if required(m) {
				return Breaking
			}
			return Dangerous
		},
		reason: func(m *Meta) string {
			if required(m) {
				return nowRequired
			}
			return otherValue
		},
		message: func(m *Meta) string {
			return "Default value for " + name(m) + " changed from '" + literal(m.OldDefault) + "' to '" + literal(m.NewDefault) + "'"
		}}
}

// inputDeprecationKind is a deprecation change of an argument or input
// field (extensions); state is the message's ending, "" for a change of
// reason.
func inputDeprecationKind(path, name func(*Meta) string, state string) *kindSpec {
	return &kindSpec{level: safe, extension: true, path: deprecatedPath(path), message: func(m *Meta) string {
		if state != "" {
			return upperFirst(name(m)) + state
		}
		return "Deprecation reason on " + name(m) + " changed from '" + excerpt(m.OldReason) + "' to '" + excerpt(m.NewReason) + "'"
	}}
}

// Paths (docs/breaking-changes.md, "Paths"). Messages spell a path out
// in their own concatenation, one allocation for the whole message.

func typePath(m *Meta) string      { return m.TypeName }
func fieldPath(m *Meta) string     { return m.TypeName + "." + m.FieldName }
func argumentPath(m *Meta) string  { return m.TypeName + "." + m.FieldName + "." + m.ArgumentName }
func enumValuePath(m *Meta) string { return m.TypeName + "." + m.EnumValueName }
func directivePath(m *Meta) string { return "@" + m.DirectiveName }
func directiveArgumentPath(m *Meta) string {
	return directivePath(m) + "." + m.ArgumentName
}

func suffixed(path func(*Meta) string, suffix string) func(*Meta) string {
	return func(m *Meta) string { return path(m) + suffix }
}

func deprecatedPath(path func(*Meta) string) func(*Meta) string {
	return suffixed(path, ".@deprecated")
}

// Names of input values in messages.

func fieldArgumentName(m *Meta) string {
	return "argument '" + m.ArgumentName + "' on field '" + m.TypeName + "." + m.FieldName + "'"
}

func inputFieldName(m *Meta) string { return "input field '" + m.TypeName + "." + m.FieldName + "'" }

func directiveArgumentName(m *Meta) string {
	return "argument '" + m.ArgumentName + "' on directive '" + m.DirectiveName + "'"
}

// deprecatedMarker marks the removal of an element that was deprecated.
func deprecatedMarker(m *Meta) string {
	if isTrue(m.IsDeprecated) {
		return "(deprecated) "
	}
	return ""
}

func isTrue(b *bool) bool { return b != nil && *b }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
