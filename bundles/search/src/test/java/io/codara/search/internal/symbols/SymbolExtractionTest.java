package io.codara.search.internal.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real snippets through the real Universal Ctags (CI installs Debian's universal-ctags) and JavaParser. */
class SymbolExtractionTest {

    private static SymbolExtraction extraction;

    @BeforeAll
    static void startExtraction() {
        extraction = new SymbolExtraction("ctags", Duration.ofSeconds(30), 1024 * 1024);
        assertThat(extraction.problem()).as("Universal Ctags must be installed for these tests (apt-get install "
                + "universal-ctags)").isEmpty();
        assertThat(extraction.ctagsAvailable()).isTrue();
    }

    private static List<SymbolDefinition> extract(String path, String language, String content) {
        List<List<SymbolDefinition>> result = extraction.extract(List.of(new SourceFile(path, language, content)));
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    @Test
    void kotlin() {
        List<SymbolDefinition> found = extract("src/Shapes.kt", "Kotlin", """
                package com.example.shapes

                import kotlin.math.PI

                const val UNIT = 1.0

                typealias Area = Double

                interface Shape {
                    fun area(): Double
                }

                data class Circle(val radius: Double) : Shape {
                    override fun area(): Double = PI * radius * radius
                }

                object Registry {
                    val shapes = mutableListOf<Shape>()
                    fun register(shape: Shape) { val local = shape; shapes.add(local) }
                }

                fun topLevel(x: Int): Int = x * 2
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("UNIT", "constant", "com.example.shapes", 5),
                tuple("Area", "type", "com.example.shapes", 7),
                tuple("Shape", "interface", "com.example.shapes", 9),
                tuple("area", "method", "com.example.shapes.Shape", 10),
                tuple("Circle", "class", "com.example.shapes", 13),
                tuple("radius", "property", "com.example.shapes.Circle", 13),
                tuple("area", "method", "com.example.shapes.Circle", 14),
                tuple("Registry", "class", "com.example.shapes", 17),
                tuple("shapes", "property", "com.example.shapes.Registry", 18),
                tuple("register", "method", "com.example.shapes.Registry", 19),
                tuple("topLevel", "function", "com.example.shapes", 22));
        assertThat(found).filteredOn(d -> d.name().equals("topLevel")).extracting(SymbolDefinition::signature)
                .containsExactly("fun topLevel(x: Int): Int = x * 2");
    }

    @Test
    void javaScript() {
        List<SymbolDefinition> found = extract("web/app.js", "JavaScript", """
                import { readFile } from 'fs';

                const MAX_SIZE = 100;
                let counter = 0;

                export class Cart {
                  constructor(owner) {
                    this.owner = owner;
                  }

                  add(item) {
                    const local = item;
                    this.items.push(local);
                  }

                  get size() { return this.items.length; }
                }

                export function total(cart) {
                  function helper(x) { return x; }
                  return cart.items.reduce((a, b) => a + helper(b.price), 0);
                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("MAX_SIZE", "constant", null, 3),
                tuple("counter", "variable", null, 4),
                tuple("Cart", "class", null, 6),
                tuple("constructor", "constructor", "Cart", 7),
                tuple("add", "method", "Cart", 11),
                tuple("size", "property", "Cart", 16),
                tuple("total", "function", null, 19));
        assertThat(found).filteredOn(d -> d.name().equals("total")).extracting(SymbolDefinition::signature)
                .containsExactly("export function total(cart)");
    }

    @Test
    void typeScript() {
        List<SymbolDefinition> found = extract("src/service.ts", "TypeScript", """
                import { Injectable } from './di';

                export interface User {
                  id: number;
                }

                export enum Role { Admin, Member }

                export type UserId = number;

                export namespace Api {
                  export function version(): string { return "1"; }
                }

                export class UserService {
                  private users: User[] = [];

                  find(id: UserId): User | undefined {
                    const found = this.users.find(u => u.id === id);
                    return found;
                  }
                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("User", "interface", null, 3),
                tuple("id", "property", "User", 4),
                tuple("Role", "enum", null, 7),
                tuple("Admin", "constant", "Role", 7),
                tuple("Member", "constant", "Role", 7),
                tuple("UserId", "type", null, 9),
                tuple("Api", "module", null, 11),
                tuple("version", "function", "Api", 12),
                tuple("UserService", "class", null, 15),
                tuple("users", "property", "UserService", 16),
                tuple("find", "method", "UserService", 18));
        assertThat(found).filteredOn(d -> d.name().equals("find")).extracting(SymbolDefinition::signature)
                .containsExactly("find(id: UserId): User | undefined");
    }

    @Test
    void python() {
        List<SymbolDefinition> found = extract("app/greeter.py", "Python", """
                import os
                from collections import OrderedDict as OD

                MAX = 10

                class Greeter(Base):
                    \"""Says hi.\"""
                    count = 0

                    def __init__(self, name):
                        self.name = name

                    def greet(self, loud=False):
                        def inner():
                            pass
                        return "hi " + self.name

                    class Options:
                        pass

                def main(argv):
                    local = 1
                    return local
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("MAX", "variable", null, 4),
                tuple("Greeter", "class", null, 6),
                tuple("count", "field", "Greeter", 8),
                tuple("__init__", "constructor", "Greeter", 10),
                tuple("greet", "method", "Greeter", 13),
                tuple("Options", "class", "Greeter", 18),
                tuple("main", "function", null, 21));
        assertThat(found).filteredOn(d -> d.name().equals("greet")).extracting(SymbolDefinition::signature)
                .containsExactly("def greet(self, loud=False)");
    }

    @Test
    void go() {
        List<SymbolDefinition> found = extract("shapes/circle.go", "Go", """
                package shapes

                import "fmt"

                type Shape interface {
                	Area() float64
                }

                type Circle struct {
                	Radius float64
                }

                type Meters = float64

                const Pi = 3.14

                var counter int

                func (c *Circle) Area() float64 {
                	x := 2.0
                	return Pi * c.Radius * c.Radius * x
                }

                func NewCircle(r float64) *Circle {
                	fmt.Println("new")
                	return &Circle{Radius: r}
                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("Shape", "interface", "shapes", 5),
                tuple("Area", "method", "shapes.Shape", 6),
                tuple("Circle", "struct", "shapes", 9),
                tuple("Radius", "field", "shapes.Circle", 10),
                tuple("Meters", "type", "shapes", 13),
                tuple("Pi", "constant", "shapes", 15),
                tuple("counter", "variable", "shapes", 17),
                tuple("Area", "method", "shapes.Circle", 19),
                tuple("NewCircle", "function", "shapes", 24));
        assertThat(found).filteredOn(d -> d.line() == 19).extracting(SymbolDefinition::signature)
                .containsExactly("func (c *Circle) Area() float64");
    }

    @Test
    void c() {
        List<SymbolDefinition> found = extract("src/point.c", "C", """
                #include <stdio.h>
                #define MAX_LEN 64

                typedef struct {
                    int x;
                    int y;
                } point_t;

                enum color { RED, GREEN };

                union value { int i; float f; };

                static int counter = 0;

                int add(int a, int b) {
                    int sum = a + b;
                    return sum;
                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("MAX_LEN", "macro", null, 2),
                tuple("x", "field", "point_t", 5),
                tuple("y", "field", "point_t", 6),
                tuple("point_t", "type", null, 7),
                tuple("color", "enum", null, 9),
                tuple("RED", "constant", "color", 9),
                tuple("GREEN", "constant", "color", 9),
                tuple("value", "struct", null, 11),
                tuple("i", "field", "value", 11),
                tuple("f", "field", "value", 11),
                tuple("counter", "variable", null, 13),
                tuple("add", "function", null, 15));
        assertThat(found).filteredOn(d -> d.name().equals("add")).extracting(SymbolDefinition::signature)
                .containsExactly("int add(int a, int b)");
    }

    @Test
    void cPlusPlus() {
        List<SymbolDefinition> found = extract("src/geo.cpp", "C++", """
                #include <vector>

                namespace geo {

                class Polygon {
                public:
                    Polygon(int sides);
                    ~Polygon();
                    int sides() const { return sides_; }
                private:
                    int sides_;
                };

                Polygon::Polygon(int sides) : sides_(sides) {}

                Polygon::~Polygon() {}

                template <typename T>
                T twice(T v) { return v + v; }

                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("geo", "module", null, 3),
                tuple("Polygon", "class", "geo", 5),
                tuple("sides", "method", "geo.Polygon", 9),
                tuple("sides_", "field", "geo.Polygon", 11),
                tuple("Polygon", "constructor", "geo.Polygon", 14),
                tuple("~Polygon", "method", "geo.Polygon", 16),
                tuple("twice", "function", "geo", 19));
        assertThat(found).filteredOn(d -> d.kind().equals("constructor")).extracting(SymbolDefinition::signature)
                .containsExactly("Polygon::Polygon(int sides) : sides_(sides)");
    }

    @Test
    void rust() {
        List<SymbolDefinition> found = extract("src/lib.rs", "Rust", """
                use std::fmt;

                pub struct Stack<T> {
                    items: Vec<T>,
                }

                pub enum Op { Push, Pop }

                pub trait Describe {
                    fn describe(&self) -> String;
                }

                impl<T> Stack<T> {
                    pub fn new() -> Self {
                        let items = Vec::new();
                        Stack { items }
                    }
                }

                pub fn helper(x: i32) -> i32 { x }

                macro_rules! square { ($x:expr) => { $x * $x }; }

                mod inner {
                    pub fn nested() {}
                }

                static GLOBAL: i32 = 1;

                type Bytes = Vec<u8>;
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("Stack", "struct", null, 3),
                tuple("items", "field", "Stack", 4),
                tuple("Op", "enum", null, 7),
                tuple("Push", "constant", "Op", 7),
                tuple("Pop", "constant", "Op", 7),
                tuple("Describe", "trait", null, 9),
                tuple("describe", "method", "Describe", 10),
                tuple("new", "method", "Stack", 14),
                tuple("helper", "function", null, 20),
                tuple("square", "macro", null, 22),
                tuple("inner", "module", null, 24),
                tuple("nested", "function", "inner", 25),
                tuple("GLOBAL", "variable", null, 28),
                tuple("Bytes", "type", null, 30));
    }

    @Test
    void cSharp() {
        List<SymbolDefinition> found = extract("Billing/Invoice.cs", "C#", """
                using System;

                namespace Acme.Billing
                {
                    public interface IInvoice { decimal Total(); }

                    public enum Status { Open, Paid }

                    public struct Money { public decimal Amount; }

                    public class Invoice : IInvoice
                    {
                        private readonly decimal amount;
                        public string Number { get; set; }
                        public Invoice(decimal amount) { this.amount = amount; }
                        public decimal Total() { var local = amount; return local; }
                        public event EventHandler Changed;
                    }
                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("Acme.Billing", "module", null, 3),
                tuple("IInvoice", "interface", "Acme.Billing", 5),
                tuple("Total", "method", "Acme.Billing.IInvoice", 5),
                tuple("Status", "enum", "Acme.Billing", 7),
                tuple("Open", "constant", "Acme.Billing.Status", 7),
                tuple("Paid", "constant", "Acme.Billing.Status", 7),
                tuple("Money", "struct", "Acme.Billing", 9),
                tuple("Amount", "field", "Acme.Billing.Money", 9),
                tuple("Invoice", "class", "Acme.Billing", 11),
                tuple("amount", "field", "Acme.Billing.Invoice", 13),
                tuple("Number", "property", "Acme.Billing.Invoice", 14),
                tuple("Invoice", "constructor", "Acme.Billing.Invoice", 15),
                tuple("Total", "method", "Acme.Billing.Invoice", 16),
                tuple("Changed", "field", "Acme.Billing.Invoice", 17));
        assertThat(found).filteredOn(d -> d.line() == 16).extracting(SymbolDefinition::signature)
                .containsExactly("public decimal Total()");
    }

    @Test
    void ruby() {
        List<SymbolDefinition> found = extract("lib/shop.rb", "Ruby", """
                require 'json'

                module Shop
                  TAX = 0.2

                  class Order
                    attr_reader :items

                    def initialize(items)
                      @items = items
                    end

                    def total
                      local = items.sum
                      local * (1 + TAX)
                    end

                    def self.empty
                      new([])
                    end
                  end
                end

                def helper(x)
                  x
                end
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("Shop", "module", null, 3),
                tuple("TAX", "constant", "Shop", 4),
                tuple("Order", "class", "Shop", 6),
                tuple("items", "property", "Shop.Order", 7),
                tuple("initialize", "constructor", "Shop.Order", 9),
                tuple("total", "method", "Shop.Order", 13),
                tuple("empty", "method", "Shop.Order", 18),
                tuple("helper", "function", null, 24));
    }

    @Test
    void php() {
        List<SymbolDefinition> found = extract("app/Models/User.php", "PHP", """
                <?php
                namespace App\\Models;

                use Illuminate\\Support\\Str;

                const VERSION = "1.0";

                interface Storable { public function save(); }

                trait Timestamps { public function touch() {} }

                class User implements Storable
                {
                    use Timestamps;
                    public $name;
                    const TABLE = 'users';

                    public function __construct($name) { $this->name = $name; }

                    public function save() { $local = 1; return $local; }
                }

                function helper($x) { return $x; }
                """);

        assertThat(found).extracting("name", "kind", "container", "line").containsExactlyInAnyOrder(
                tuple("App.Models", "module", null, 2),
                tuple("VERSION", "constant", "App.Models", 6),
                tuple("Storable", "interface", "App.Models", 8),
                tuple("save", "method", "App.Models.Storable", 8),
                tuple("Timestamps", "trait", "App.Models", 10),
                tuple("touch", "method", "App.Models.Timestamps", 10),
                tuple("User", "class", "App.Models", 12),
                tuple("name", "field", "App.Models.User", 15),
                tuple("TABLE", "constant", "App.Models.User", 16),
                tuple("__construct", "constructor", "App.Models.User", 18),
                tuple("save", "method", "App.Models.User", 20),
                tuple("helper", "function", "App.Models", 23));
    }

    @Test
    void javaGoesToJavaParser() {
        List<SymbolDefinition> found = extract("src/main/java/a/B.java", "Java", """
                package a;

                class B {
                    void run() {}
                }
                """);

        assertThat(found).extracting("name", "kind", "container", "line")
                .containsExactly(tuple("B", "class", "a", 3), tuple("run", "method", "a.B", 4));
    }

    @Test
    void otherLanguagesCtagsKnows() {
        List<SymbolDefinition> lua = extract("scripts/util.lua", "Lua", """
                local M = {}

                function M.trim(s)
                  return s
                end

                function greet(name)
                  print(name)
                end
                """);
        List<SymbolDefinition> shell = extract("bin/deploy.sh", "Shell", """
                #!/bin/sh
                deploy() {
                  echo "deploying"
                }
                """);

        assertThat(lua).extracting("name", "kind", "line").contains(tuple("greet", "function", 7));
        assertThat(shell).extracting("name", "kind", "line").containsExactly(tuple("deploy", "function", 2));
        assertThat(extract("README.md", "Markdown", "# Title\n\n## Usage\n")).isEmpty();
    }
}
