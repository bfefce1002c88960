package io.aitmdefense.simulate.log;

/** The logical logs the simulation produces; each output format writes each table to its own files. */
public enum LogTable {
    SIGN_INS, NON_INTERACTIVE_SIGN_INS, DIRECTORY_AUDITS, RISK_DETECTIONS, OFFICE_ACTIVITY
}
