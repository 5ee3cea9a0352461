package course.tools;

import java.io.IOException;
import java.lang.classfile.*;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Collectors;

/**
 * The public API of a folder of compiled classes, read with the JDK's class-file API (no class loading): every public class with its
 * supertypes and its public and protected members, generics and declared exceptions included.
 */
final class ApiSignatures {

    /** The flags that shape an API (a method's synchronized or varargs bit does not). */
    private static final List<AccessFlag> SHAPING = List.of(AccessFlag.PUBLIC, AccessFlag.PROTECTED, AccessFlag.STATIC,
            AccessFlag.FINAL, AccessFlag.ABSTRACT, AccessFlag.INTERFACE, AccessFlag.ENUM, AccessFlag.ANNOTATION);

    private ApiSignatures() {}

    /** Class name -> its API lines. */
    static TreeMap<String, Set<String>> of(Path classesDir) throws IOException {
        TreeMap<String, Set<String>> api = new TreeMap<>();
        for (Path f : Fingerprint.files(classesDir, ".class")) {
            ClassModel cm = ClassFile.of().parse(Files.readAllBytes(f));
            if (cm.flags().has(AccessFlag.PUBLIC) && !cm.flags().has(AccessFlag.SYNTHETIC)) api.put(cm.thisClass().asInternalName().replace('/', '.'), describe(cm));
        }
        return api;
    }

    private static Set<String> describe(ClassModel cm) {
        Set<String> lines = new TreeSet<>();
        lines.add("class " + flags(cm.flags().flags()) + " extends " + cm.superclass().map(ClassEntry::asInternalName).orElse("-")
                + " implements " + cm.interfaces().stream().map(ClassEntry::asInternalName).sorted().toList() + signature(cm));
        for (FieldModel f : cm.fields()) {
            if (visible(f.flags().flags())) lines.add("field " + flags(f.flags().flags()) + " " + f.fieldName().stringValue() + " " + f.fieldType().stringValue() + signature(f));
        }
        for (MethodModel m : cm.methods()) {
            if (!visible(m.flags().flags()) || m.flags().has(AccessFlag.BRIDGE)) continue;
            String exceptions = m.findAttribute(Attributes.exceptions())
                    .map(a -> a.exceptions().stream().map(ClassEntry::asInternalName).sorted().toList().toString()).orElse("[]");
            lines.add("method " + flags(m.flags().flags()) + " " + m.methodName().stringValue() + m.methodType().stringValue() + signature(m) + " throws " + exceptions);
        }
        return lines;
    }

    private static boolean visible(Set<AccessFlag> f) { return (f.contains(AccessFlag.PUBLIC) || f.contains(AccessFlag.PROTECTED)) && !f.contains(AccessFlag.SYNTHETIC); }
    private static String flags(Set<AccessFlag> f) { return SHAPING.stream().filter(f::contains).map(x -> x.name().toLowerCase()).collect(Collectors.joining(" ")); }
    private static String signature(AttributedElement e) { return e.findAttribute(Attributes.signature()).map(a -> " <" + a.signature().stringValue() + ">").orElse(""); }

    /** Human-readable differences between two APIs, {@code a} named {@code aName}, {@code b} {@code bName}. */
    static List<String> differences(TreeMap<String, Set<String>> a, String aName, TreeMap<String, Set<String>> b, String bName) {
        List<String> out = new ArrayList<>();
        Set<String> classes = new TreeSet<>(a.keySet());
        classes.addAll(b.keySet());
        for (String c : classes) {
            Set<String> x = a.get(c), y = b.get(c);
            if (x == null) out.add("public class " + c + " is only in " + bName);
            else if (y == null) out.add("public class " + c + " is only in " + aName);
            else {
                x.stream().filter(l -> !y.contains(l)).forEach(l -> out.add(c + ": only in " + aName + ": " + l));
                y.stream().filter(l -> !x.contains(l)).forEach(l -> out.add(c + ": only in " + bName + ": " + l));
            }
        }
        return out;
    }
}
