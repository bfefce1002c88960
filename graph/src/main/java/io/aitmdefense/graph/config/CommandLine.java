package io.aitmdefense.graph.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a one-line command into arguments the way a person expects (spaces, single and double quotes), with no shell. */
final class CommandLine {
    private CommandLine() {
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) args.add(cur.toString());
                cur.setLength(0);
                inArg = false;
            } else {
                cur.append(c);
                inArg = true;
            }
        }
        if (inArg) args.add(cur.toString());
        return args;
    }
}
